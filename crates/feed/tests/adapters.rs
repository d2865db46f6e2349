//! Each official publication in `tests/fixtures/rates/` (real documents,
//! see its SOURCES.md) read by its adapter, checked against
//! `expected.json`: the figures as the bank wrote them, copied by hand
//! from each file, with what each figure means ("KGS per 1 USD").

use std::fs;
use std::path::Path;

use news_ticker_feed::adapters::Format;
use news_ticker_feed::publication::Publication;
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
    use news_ticker_feed::pairs::{rate, Pair, Rounding};
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

/// The generic formats carry pairs rather than one bank's figures: each
/// rate is read into the currency the document names most, so a pair of
/// two others is crossed through it.
#[test]
fn the_widget_rates_format_reads_as_json_and_csv() {
    use news_ticker_feed::pairs::{rate, Pair, Rounding};
    let text = |publication: &Publication, pair: &str, places| {
        rate(publication, &Pair::parse(pair).unwrap(), places, Rounding::Nearest).map(|d| d.to_string())
    };

    // The demo's rates document: three of four against RUB; KGS/CNY is left out.
    let rates = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www/rates.json")).unwrap();
    let publication = Format::named("json").unwrap().read(&rates).unwrap();
    assert_eq!((publication.base.as_str(), publication.date.iso()), ("RUB", "2025-11-13".to_owned()));
    let codes: Vec<&str> = publication.quotes.iter().map(|q| q.code.as_str()).collect();
    assert_eq!(codes, ["KZT", "UZS", "TJS"]);
    assert_eq!(text(&publication, "KZT/RUB", 4).as_deref(), Some("0.1552"));
    assert_eq!(text(&publication, "RUB/TJS", 6).as_deref(), Some("0.116009"), "1 / 8.62");
    assert_eq!(text(&publication, "KZT/TJS", 5).as_deref(), Some("0.01800"), "0.1552 / 8.62, crossed");
    assert_eq!(text(&publication, "KGS/CNY", 4), None);

    // The table: a semicolon, decimal commas, quoted fields, both date forms,
    // and rows that do not read (CNY) or lack KGS (GBP/EUR) left out.
    let publication = read("generic.csv", "csv");
    assert_eq!((publication.base.as_str(), publication.date.iso()), ("KGS", "2026-05-24".to_owned()));
    let listed: Vec<String> = publication
        .quotes
        .iter()
        .map(|q| format!("{} {}={} {}", q.code, q.code_units, q.base_units, q.date.unwrap().iso()))
        .collect();
    assert_eq!(
        listed,
        ["USD 1=87.4500 2026-05-24", "KZT 1=0.1859 2026-05-24", "EUR 1=101.0187 2026-05-24", "RUB 1=1.2204 2026-05-23"]
    );
    assert_eq!(text(&publication, "KGS/USD", 5).as_deref(), Some("0.01144"));

    // A rates document in the other orientation: USD/KGS 87.45 is "87.45 KGS = 1 USD".
    let inverted =
        br#"{"as_of": "2026-05-24T09:00:00+06:00", "rates": [{"base": "USD", "quote": "KGS", "rate": "87.45"},
        {"base": "USD", "quote": "KZT", "rate": "470.42"}]}"#;
    let publication = Format::named("json").unwrap().read(inverted).unwrap();
    assert_eq!(publication.base, "USD");
    assert_eq!(text(&publication, "KGS/USD", 5).as_deref(), Some("0.01144"));
    assert_eq!(text(&publication, "KZT/KGS", 4).as_deref(), Some("0.1859"), "87.45 / 470.42");
}

#[test]
fn a_generic_document_without_what_it_needs_is_refused() {
    let refused =
        |format: &str, doc: &str| Format::named(format).unwrap().read(doc.as_bytes()).unwrap_err().to_string();
    assert_eq!(
        refused("json", r#"[{"base": "KGS", "quote": "USD", "rate": "0.01144"}]"#),
        "no readable \"as_of\": the rates have no date"
    );
    assert!(refused("json", "<rss/>").starts_with("not JSON"));
    assert_eq!(refused("json", r#"{"as_of": "2026-05-24T09:00:00Z", "rates": []}"#), "no readable rate");
    assert_eq!(
        refused("csv", "day,base,quote,rate\n2026-05-24,KGS,USD,0.01144\n"),
        "the header has no \"date\" column (it needs date, base, quote and rate)"
    );
    assert_eq!(refused("csv", "date,base,quote,rate\n2026-05-24,KGS,USD,-1\n"), "no readable row");
    assert_eq!(refused("csv", ""), "an empty CSV document");
}
