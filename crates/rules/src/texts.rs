//! Interface text in the reader's language: one file per language in
//! `texts/` (`key = value` lines), chosen by the language of
//! `data-locale` (`ru-KZ` reads `ru.txt`), English for any other; a
//! publisher replaces any text with a `data-text-<key>` attribute.
//!
//! Templates name what is filled in: `{total}`, `{problem}`. The counter
//! has plural forms, `counter.one`, `counter.few` … (the categories of
//! `Intl.PluralRules`), with `counter.other` as the fallback.

// `LANGUAGES` (each file, compacted to `key=value` lines), `KEYS` (each
// text and the placeholders English fills in) and `ATTRIBUTES` (the
// `data-text-*` of each key), written by the build script (`build/texts.rs`)
// from `texts/`.
include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// Placeholders a translation may leave out: which document failed is
/// already said by the sentence around it, and the English detail of a
/// malformed document means little to a reader.
pub const OPTIONAL: [&str; 2] = ["subject", "detail"];

/// The texts of one widget: its language's file and the publisher's replacements.
#[derive(Clone, Debug, PartialEq)]
pub struct Texts {
    language: &'static str,
    file: &'static str,
    replaced: Vec<(&'static str, String)>,
}

impl Texts {
    /// The texts for `locale` (a BCP 47 tag), by its language subtag.
    pub fn for_locale(locale: &str) -> Texts {
        let language = locale.split(['-', '_']).next().unwrap_or_default();
        let (language, file) =
            LANGUAGES.into_iter().find(|(l, _)| l.eq_ignore_ascii_case(language)).unwrap_or(LANGUAGES[0]);
        Texts { language, file, replaced: Vec::new() }
    }

    /// The English texts, with no overrides.
    pub fn english() -> Texts {
        Texts::for_locale("en")
    }

    /// The language whose file is used: `en`, `ru`, `kk` or `uz`.
    pub fn language(&self) -> &'static str {
        self.language
    }

    /// Uses `template` for `key` (one of [`KEYS`]) instead of the file's.
    pub fn replace(&mut self, key: &'static str, template: String) {
        self.replaced.retain(|(k, _)| *k != key);
        self.replaced.push((key, template));
    }

    /// The template for `key`: the publisher's, else the language's, else English.
    pub fn template<'a>(&'a self, key: &'a str) -> &'a str {
        self.plural_template(key, "other")
    }

    /// The template for `key` in the plural `category` (`one`, `few` …):
    /// the publisher's (one for every category), else the language's form
    /// for the category, else its `other` form, else English.
    pub fn plural_template<'a>(&'a self, key: &'a str, category: &str) -> &'a str {
        if let Some((_, template)) = self.replaced.iter().find(|(k, _)| *k == key) {
            return template;
        }
        let find = |file: &'static str| {
            lookup(file, key, Some(category))
                .or_else(|| lookup(file, key, Some("other")))
                .or_else(|| lookup(file, key, None))
        };
        find(self.file).or_else(|| find(LANGUAGES[0].1)).unwrap_or(key)
    }

    /// The text for `key` with `values` filled in.
    pub fn text(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.template(key), values)
    }
}

/// The value of `key` (or of `key.form`) in a language file.
fn lookup(file: &'static str, key: &str, form: Option<&str>) -> Option<&'static str> {
    entries(file).find_map(|(k, value)| {
        let matches = match form {
            Some(form) => k.strip_prefix(key).and_then(|rest| rest.strip_prefix('.')) == Some(form),
            None => k == key,
        };
        matches.then_some(value)
    })
}

/// The `key=value` lines of a compacted language file.
pub fn entries(file: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    file.split('\n').filter_map(|line| line.split_once('='))
}

/// `template` with each `{name}` of `values` replaced; other braces stay.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // `split_once` and `get` rather than `split_at`: no slicing panic path
    // (with its message tables) in the wasm.
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let named = after.split_once('}').and_then(|(name, tail)| {
            let value = values.iter().find(|(n, _)| *n == name)?.1;
            Some((value, tail))
        });
        match named {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a template names.
pub fn placeholders(template: &str) -> Vec<&str> {
    template.split('{').skip(1).filter_map(|part| part.split_once('}').map(|(name, _)| name)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The plural categories Intl.PluralRules gives for whole numbers (CLDR).
    fn categories(language: &str) -> &'static [&'static str] {
        match language {
            "ru" => &["one", "few", "many", "other"],
            _ => &["one", "other"],
        }
    }

    #[test]
    fn every_language_has_every_key_and_no_other() {
        let expected: BTreeSet<&str> = KEYS.iter().map(|(k, _)| *k).collect();
        for (language, file) in LANGUAGES {
            let mut seen = BTreeSet::new();
            for (key, value) in entries(file) {
                let (base, form) = key.split_once('.').map_or((key, None), |(b, f)| (b, Some(f)));
                assert!(expected.contains(base), "{language}: unknown key {key}");
                assert!(!value.is_empty(), "{language}: {key} is empty");
                if let Some(form) = form {
                    assert_eq!(base, "counter", "{language}: only the counter has plural forms ({key})");
                    assert!(categories(language).contains(&form), "{language}: {key} is not a plural category");
                }
                assert!(seen.insert(key), "{language}: {key} is given twice");
            }
            let bases: BTreeSet<&str> = seen.iter().map(|k| k.split('.').next().unwrap()).collect();
            assert_eq!(bases, expected, "{language}: keys differ from KEYS");
            for category in categories(language) {
                assert!(seen.contains(format!("counter.{category}").as_str()), "{language}: no counter.{category}");
            }
        }
    }

    #[test]
    fn every_template_names_the_values_it_needs_and_only_those() {
        for (language, file) in LANGUAGES {
            for (key, value) in entries(file) {
                let base = key.split('.').next().unwrap();
                let allowed = KEYS.iter().find(|(k, _)| *k == base).unwrap().1;
                let named = placeholders(value);
                for name in &named {
                    assert!(allowed.contains(name), "{language}: {key} names {{{name}}}");
                }
                for name in allowed.iter().filter(|n| !OPTIONAL.contains(n)) {
                    assert!(named.contains(name), "{language}: {key} leaves out {{{name}}}");
                }
            }
        }
    }

    #[test]
    fn attributes_follow_the_keys() {
        let from_keys: Vec<String> = KEYS.iter().map(|(k, _)| format!("data-text-{k}")).collect();
        assert_eq!(ATTRIBUTES.to_vec(), from_keys);
    }

    #[test]
    fn a_locale_reads_its_language_then_english() {
        assert_eq!(Texts::for_locale("ru").language(), "ru");
        assert_eq!(Texts::for_locale("ru-KZ").language(), "ru");
        assert_eq!(Texts::for_locale("KK-kz").language(), "kk");
        assert_eq!(Texts::for_locale("uz-Latn-UZ").language(), "uz");
        assert_eq!(Texts::for_locale("en-GB").language(), "en");
        assert_eq!(Texts::for_locale("de-DE").language(), "en");
        assert_eq!(Texts::for_locale("").language(), "en");
        assert_eq!(Texts::for_locale("ru").template("show-more"), "Показать ещё");
        assert_eq!(Texts::for_locale("de").template("show-more"), "Show more");
    }

    #[test]
    fn plural_forms_fall_back_to_other() {
        let ru = Texts::for_locale("ru");
        let counter =
            |category| fill(ru.plural_template("counter", category), &[("first", "1"), ("last", "5"), ("total", "21")]);
        assert_eq!(counter("one"), "Показаны 1–5 из 21 новости");
        assert_eq!(counter("many"), "Показаны 1–5 из 21 новостей");
        let en = Texts::english();
        assert_eq!(en.plural_template("counter", "few"), en.plural_template("counter", "other"));
    }

    #[test]
    fn a_publisher_text_replaces_every_form() {
        let mut texts = Texts::for_locale("ru");
        texts.replace("counter", "{first}–{last} / {total}".to_owned());
        texts.replace("show-more", "Ещё новости".to_owned());
        assert_eq!(texts.plural_template("counter", "few"), "{first}–{last} / {total}");
        assert_eq!(texts.template("show-more"), "Ещё новости");
        assert_eq!(texts.template("no-results"), "Нет результатов");
    }

    #[test]
    fn fill_replaces_named_values_and_keeps_other_braces() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(fill("{a} {unknown} {", &[("a", "x")]), "x {unknown} {");
        assert_eq!(fill("{a}", &[("a", "{a}")]), "{a}", "a value is never filled again");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(placeholders("{x} y {z}"), ["x", "z"]);
    }
}
