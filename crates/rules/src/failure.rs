//! Why a load failed: told to the page in English (`news-ticker:error`,
//! the console) and to the reader in the interface language
//! (`part="status"`), from the same templates in `texts/`.

use crate::decimal::{whole, whole_number};
use crate::problem::FeedError;
use crate::texts::Texts;

/// How long one request may take, body included (`timeout` says it in seconds).
pub const TIMEOUT_MS: u32 = 10_000;

/// The largest document read, in bytes (`too-large` says it in
/// megabytes). A larger one is refused from its `Content-Length`, or cut
/// off and refused once that many bytes arrived: never read, decoded or
/// parsed whole.
pub const MAX_BYTES: u32 = 5_000_000;

/// Whether an answer's `Content-Length` says it is longer than `max`
/// bytes, so that it is refused before its body is read. A length that is
/// not a whole number says nothing (the body is then counted as it
/// arrives); one too large to hold is too large.
pub fn too_large(content_length: Option<&str>, max: u32) -> bool {
    let Some(declared) = content_length.map(str::trim).filter(|d| !d.is_empty()) else {
        return false;
    };
    match whole_number(declared) {
        Some(n) => n > u64::from(max),
        None => declared.bytes().all(|b| b.is_ascii_digit()),
    }
}

/// The name of the Trusted Types policy that reads RSS and Atom.
pub const XML_POLICY: &str = "news-ticker";

#[derive(Clone, Debug, PartialEq)]
/// Why a document could not be loaded or read.
pub enum LoadError {
    /// The network failed (offline, DNS, refused, or blocked by CORS).
    Unreachable,
    /// No answer within the time allowed.
    Timeout,
    /// The status, and the `Retry-After` seconds if the answer gave them
    /// (readable cross-origin only with `Access-Control-Expose-Headers`).
    Status(u16, Option<u32>),
    /// The answer is larger than a feed may be.
    TooLarge,
    /// The text is not JSON.
    NotJson,
    /// The text is not well-formed XML; holds the parser's reason.
    NotXml(String),
    /// The answer is a web page, not a feed.
    Html,
    /// The page's Trusted Types policy refuses the XML reader.
    XmlBlocked,
    /// The document is JSON or XML but not a feed or rates document.
    Shape(FeedError),
    /// The feed is RSS or Atom and the module that reads them could not
    /// be loaded (see `xmlfeed`); holds why.
    NoXmlReader(String),
    /// No `data-feed` on the container.
    NoFeed,
    /// A URL attribute the page's URL parser refuses.
    BadUrl {
        /// The attribute's name.
        attribute: &'static str,
        /// Its value as written.
        value: String,
    },
}

/// The document a load failed on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Subject {
    /// The feed: the news shown (if any) is the last good content.
    Feed,
    /// Only the `data-rates` document: the news is fresh.
    Rates,
}

/// A failed load of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// Which document failed.
    pub subject: Subject,
    /// Why it failed.
    pub error: LoadError,
}

impl LoadError {
    /// How long the server asked to be left alone, in seconds.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            LoadError::Status(_, seconds) => *seconds,
            _ => None,
        }
    }

    /// The problem in the language of `texts`: `the feed answered HTTP 503`.
    pub fn describe(&self, subject: Subject, texts: &Texts) -> String {
        let named = texts.template(match subject {
            Subject::Feed => "the-feed",
            Subject::Rates => "the-rates",
        });
        let (key, value): (&str, Option<(&str, String)>) = match self {
            LoadError::Unreachable => ("unreachable", None),
            LoadError::Timeout => ("timeout", Some(("seconds", whole(u64::from(TIMEOUT_MS / 1000), 1)))),
            LoadError::Status(code, _) => ("http-status", Some(("code", whole(u64::from(*code), 1)))),
            LoadError::TooLarge => ("too-large", Some(("megabytes", whole(u64::from(MAX_BYTES / 1_000_000), 1)))),
            LoadError::NotJson => ("not-json", None),
            LoadError::NotXml(why) => ("not-xml", Some(("detail", why.clone()))),
            LoadError::Html => ("html", None),
            LoadError::XmlBlocked => ("xml-blocked", None),
            LoadError::Shape(e) => {
                let detail = match subject {
                    Subject::Feed => e.message(),
                    Subject::Rates => ["the rates document: ", &e.message()].concat(),
                };
                ("unreadable", Some(("detail", detail)))
            }
            LoadError::NoXmlReader(why) => {
                ("unreadable", Some(("detail", ["the RSS and Atom reader could not be loaded (", why, ")"].concat())))
            }
            LoadError::NoFeed => ("no-feed", None),
            LoadError::BadUrl { attribute, value } => {
                let template = texts.template("bad-url");
                return crate::texts::fill(template, &[("attribute", attribute), ("value", value)]);
            }
        };
        let mut values = vec![("subject", named), ("policy", XML_POLICY)];
        if let Some((name, text)) = &value {
            values.push((name, text));
        }
        texts.text(key, &values)
    }
}

impl Failure {
    /// The failure of `subject` for `error`.
    pub fn new(subject: Subject, error: LoadError) -> Failure {
        Failure { subject, error }
    }

    /// In English, for `news-ticker:error` and the console.
    pub fn message(&self) -> String {
        self.error.describe(self.subject, &Texts::english())
    }
}

/// What `part="status"` says after a failed load, in the language of
/// `texts`: the stale notice with the time of the last good content
/// (`when`, already written in the reader's locale) when some is shown,
/// else that nothing could be loaded.
pub fn status_text(failure: &Failure, when: Option<&str>, texts: &Texts) -> String {
    let problem = failure.error.describe(failure.subject, texts);
    let key = match (failure.subject, when.is_some()) {
        (Subject::Feed, true) => "news-stale",
        (Subject::Rates, true) => "rates-stale",
        (Subject::Feed, false) => "news-failed",
        (Subject::Rates, false) => "rates-failed",
    };
    texts.text(key, &[("problem", &problem), ("time", when.unwrap_or_default())])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(subject: Subject, error: LoadError) -> String {
        Failure::new(subject, error).message()
    }

    #[test]
    fn a_declared_length_past_the_limit_is_too_large_before_reading() {
        for (header, refused) in [
            (None, false),
            (Some(""), false),
            (Some("100"), false),
            (Some(" 101 "), true),
            (Some("99999999999999999999999"), true),
            (Some("1e3"), false),
            (Some("-5"), false),
            (Some("100, 100"), false),
        ] {
            assert_eq!(too_large(header, 100), refused, "{header:?}");
        }
    }

    #[test]
    fn english_messages_name_the_document_and_the_cause() {
        use LoadError::*;
        let feed = |e| english(Subject::Feed, e);
        assert_eq!(feed(Unreachable), "the feed could not be reached (network error or CORS)");
        assert_eq!(feed(Timeout), "the feed did not answer within 10 s");
        assert_eq!(feed(Status(503, Some(4))), "the feed answered HTTP 503");
        assert_eq!(feed(TooLarge), "the feed is larger than 5 MB");
        assert_eq!(feed(NotJson), "the feed is not valid JSON");
        assert_eq!(feed(NotXml("line 2".into())), "the feed is not well-formed XML (line 2)");
        assert_eq!(feed(Html), "the feed is an HTML page, not JSON Feed, RSS or Atom");
        assert_eq!(
            feed(XmlBlocked),
            "the page's Trusted Types settings block reading RSS and Atom (allow the policy \"news-ticker\")"
        );
        assert_eq!(feed(Shape(FeedError::MissingList("items"))), "the feed has no \"items\" list");
        assert_eq!(feed(NoFeed), "no feed is configured (data-feed is missing)");
        assert_eq!(feed(NoXmlReader("HTTP 404".into())), "the RSS and Atom reader could not be loaded (HTTP 404)");
        let bad = BadUrl { attribute: "data-feed", value: "http://[x".into() };
        assert_eq!(feed(bad), "data-feed=\"http://[x\" is not a valid URL");
        assert_eq!(english(Subject::Rates, Status(404, None)), "the rates document answered HTTP 404");
        assert_eq!(
            english(Subject::Rates, Shape(FeedError::MissingList("rates"))),
            "the rates document: the feed has no \"rates\" list"
        );
    }

    #[test]
    fn the_status_says_what_failed_and_since_when() {
        let texts = Texts::english();
        let feed = Failure::new(Subject::Feed, LoadError::Unreachable);
        let rates = Failure::new(Subject::Rates, LoadError::Status(404, None));
        assert_eq!(
            status_text(&feed, Some("25 Nov 2026, 14:03"), &texts),
            "Last updated 25 Nov 2026, 14:03; the feed could not be reached (network error or CORS)."
        );
        assert_eq!(
            status_text(&feed, None, &texts),
            "The news could not be loaded: the feed could not be reached (network error or CORS)."
        );
        assert_eq!(
            status_text(&rates, Some("14:03"), &texts),
            "Rates last updated 14:03; the rates document answered HTTP 404."
        );
        assert_eq!(
            status_text(&rates, None, &texts),
            "The rates could not be loaded: the rates document answered HTTP 404."
        );
    }

    #[test]
    fn the_reader_reads_the_status_in_their_language() {
        let failure = Failure::new(Subject::Feed, LoadError::Status(503, None));
        assert_eq!(
            status_text(&failure, Some("25 нояб. 2026 г., 14:03"), &Texts::for_locale("ru")),
            "Обновлено 25 нояб. 2026 г., 14:03; сервер ответил HTTP 503."
        );
        assert_eq!(
            status_text(&failure, None, &Texts::for_locale("uz")),
            "Yangiliklarni yuklab bo‘lmadi: server HTTP 503 bilan javob berdi."
        );
        assert_eq!(
            status_text(&failure, None, &Texts::for_locale("kk")),
            "Жаңалықтарды жүктеу мүмкін болмады: сервер HTTP 503 деп жауап берді."
        );
        // The page's event stays English whatever the reader's language.
        assert_eq!(failure.message(), "the feed answered HTTP 503");
    }

    #[test]
    fn a_publisher_text_is_used_for_the_status() {
        let mut texts = Texts::for_locale("ru");
        texts.replace("news-failed", "Новости временно недоступны.".to_owned());
        let failure = Failure::new(Subject::Feed, LoadError::Timeout);
        assert_eq!(status_text(&failure, None, &texts), "Новости временно недоступны.");
    }
}
