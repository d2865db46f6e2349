//! Each official publication in `tests/fixtures/rates/` (real documents,
//! see its SOURCES.md) read by its adapter, checked against
//! `expected.json`: the figures as the bank wrote them, copied by hand
//! from each file, with what each figure means ("KGS per 1 USD").

use std::fs;
use std::path::Path;

use news_ticker::builder::adapters::Format;
use news_ticker::builder::publication::Publication;
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rates").join(name)).expect("a fixture")
}

fn expected() -> Value {
    serde_json::from_slice(&fixture("expected.json")).expect("expected.json is JSON")
}

const FILES: [(&str, &str); 12] = [
    ("nbkr-daily.xml", "nbkr"),
    ("nbkr-weekly.xml", "nbkr"),
    ("nbk-get-rates.xml", "nbk"),
    ("nbk-get-rates-20260403.xml", "nbk"),
    ("nbk-rates-all.xml", "nbk"),
    ("cbu.json", "cbu"),
    ("cbr-daily.xml", "cbr"),
    ("cbr-daily-2022.xml", "cbr"),
    ("ecb-daily.xml", "ecb"),
    ("ecb-daily-2017.xml", "ecb"),
    ("nbt-daily.xml", "nbt"),
    ("cbt-daily.xml", "cbt"),
];

fn read(file: &str, format: &str) -> Publication {
    let format = Format::named(format).expect("a format name");
    format.read(&fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// "87,4500" as the `Decimal` text it must read as: "87.4500".
fn as_read(written: &str) -> String {
    written.replace(',', ".")
}

#[test]
fn every_listed_figure_reads_as_written_with_its_meaning() {
    let expected = expected();
    let mut checked = 0;
    for (file, format) in FILES {
        let publication = read(file, format);
        let listing = &expected[file];
        assert_eq!(publication.base, listing["base"].as_str().unwrap(), "{file}: base");
        for entry in listing["entries"].as_array().unwrap() {
            let text = |k: &str| entry[k].as_str().unwrap_or_else(|| panic!("{file}: {k}"));
            // "KGS per 1 USD": value KGS for 1 USD; "USD per 1 EUR" (base EUR): value USD for 1 EUR.
            let meaning: Vec<&str> = text("meaning").split(' ').collect();
            let [unit, "per", units, of] = meaning.as_slice() else { panic!("{file}: meaning {meaning:?}") };
            assert_eq!(units, &text("nominal"), "{file}: {meaning:?}");
            let quote = publication.quote(text("code")).unwrap_or_else(|| panic!("{file}: no {}", text("code")));
            let (code_units, base_units) = if *unit == publication.base {
                assert_eq!(of, &text("code"));
                (as_read(units), as_read(text("value")))
            } else {
                assert_eq!((*unit, *of), (text("code"), publication.base.as_str()), "{file}");
                (as_read(text("value")), as_read(units))
            };
            assert_eq!(
                (quote.code_units.to_string(), quote.base_units.to_string()),
                (code_units, base_units),
                "{file}: {}",
                text("code")
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked} figures checked");
}

#[test]
fn each_publication_date_is_the_one_written_inside() {
    let expected = expected();
    for (file, format) in FILES {
        let written = expected[file]["date"].as_str().unwrap().split(' ').next().unwrap().to_owned();
        let publication = read(file, format);
        let (y, m, d) = (publication.date.year, publication.date.month, publication.date.day);
        let forms =
            [format!("{d:02}.{m:02}.{y}"), format!("{y}-{m:02}-{d:02}"), format!("{d:02}.{m:02}.{:02}", y % 100)];
        assert!(forms.contains(&written), "{file}: {written} read as {}", publication.date.iso());
    }
}

#[test]
fn a_document_of_another_bank_is_refused_with_what_was_missing() {
    let refused =
        |file: &str, format: &str| Format::named(format).unwrap().read(&fixture(file)).unwrap_err().to_string();
    assert_eq!(refused("ecb-daily.xml", "cbr"), "the root element is <Envelope>, not <ValCurs>");
    assert_eq!(refused("cbr-daily.xml", "nbk"), "the root element is <ValCurs>, not <rates> or <rss>");
    assert!(refused("nbkr-daily.xml", "cbu").starts_with("not a JSON list"));
    assert!(Format::named("cbr")
        .unwrap()
        .read(b"<ValCurs Date=\"25.04.2026\"></ValCurs>")
        .unwrap_err()
        .to_string()
        .contains("no readable <Valute>"));
    assert!(Format::named("nbkr")
        .unwrap()
        .read(b"<CurrencyRates Date=\"31.02.2026\"/>")
        .unwrap_err()
        .to_string()
        .contains("is not a date"));
}

#[test]
fn a_bad_entry_is_left_out_not_guessed() {
    let doc = "<CurrencyRates Date=\"24.05.2026\">\
        <Currency ISOCode=\"USD\"><Nominal>1</Nominal><Value>87,4500</Value></Currency>\
        <Currency ISOCode=\"EUR\"><Nominal>1</Nominal><Value>n/a</Value></Currency>\
        <Currency ISOCode=\"rub\"><Nominal>1</Nominal><Value>1,2</Value></Currency>\
        <Currency ISOCode=\"KZT\"><Nominal>0</Nominal><Value>0,1859</Value></Currency></CurrencyRates>";
    let publication = Format::named("nbkr").unwrap().read(doc.as_bytes()).unwrap();
    let codes: Vec<&str> = publication.quotes.iter().map(|q| q.code.as_str()).collect();
    assert_eq!(codes, ["USD"]);
}

/// The five Central Asian currencies against the dollar, each from its own
/// central bank's real publication, inverted and cut as the reference page
/// shows them (figures worked out apart, with Python's decimal module).
#[test]
fn the_reference_pairs_from_each_bank() {
    use news_ticker::builder::pairs::{rate, Pair, Rounding};
    for (file, format, pair, places, expected) in [
        ("nbkr-daily.xml", "nbkr", "KGS/USD", 5, "0.01144"),
        ("nbk-get-rates.xml", "nbk", "KZT/USD", 5, "0.00209"),
        ("cbu.json", "cbu", "UZS/USD", 7, "0.0000820"),
        ("nbt-daily.xml", "nbt", "TJS/USD", 5, "0.10701"),
        ("cbt-daily.xml", "cbt", "TMT/USD", 5, "0.28571"),
    ] {
        let publication = read(file, format);
        let pair = Pair::parse(pair).unwrap();
        assert_eq!(
            rate(&publication, &pair, places, Rounding::Nearest).map(|d| d.to_string()).as_deref(),
            Some(expected),
            "{file}"
        );
    }
}
