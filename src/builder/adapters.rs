//! One reader per official publication, each turning the bank's own
//! document into a [`Publication`]: its element names, its decimal comma,
//! its `Nominal` units, its way of writing the date. A reader refuses a
//! document that is not the publication it expects with one line saying
//! what was missing; a single bad entry is left out, never guessed.

use super::publication::{currency, document_text, figure, Day, Publication, Quote, Unreadable};
use roxmltree::{Document, Node};

/// The publications there is a reader for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// National Bank of the Kyrgyz Republic, `daily.xml` and `weekly.xml`:
    /// KGS per `Nominal` units.
    Nbkr,
    /// National Bank of Kazakhstan, `get_rates.cfm` and `rates_all.xml`:
    /// KZT per `quant` units.
    Nbk,
    /// Central Bank of Uzbekistan, `json/all/<date>/`: UZS per `Nominal`.
    Cbu,
    /// Central Bank of Russia, `XML_daily.asp` (windows-1251): RUB per `Nominal`.
    Cbr,
    /// European Central Bank, `eurofxref-daily.xml`: units per 1 EUR.
    Ecb,
    /// National Bank of Tajikistan, `export_xml.php`: TJS per `Nominal`.
    Nbt,
    /// Central Bank of Turkmenistan, `kurs/<yyyy>/<ddmmyyyy>.xml`: TMT per `multiplier`.
    Cbt,
}

impl Format {
    /// The names a configuration gives the formats.
    pub const NAMES: [(&'static str, Format); 7] = [
        ("nbkr", Format::Nbkr),
        ("nbk", Format::Nbk),
        ("cbu", Format::Cbu),
        ("cbr", Format::Cbr),
        ("ecb", Format::Ecb),
        ("nbt", Format::Nbt),
        ("cbt", Format::Cbt),
    ];

    /// The format named `name`, if there is one.
    pub fn named(name: &str) -> Option<Format> {
        Format::NAMES.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// Reads a document of this format.
    pub fn read(self, bytes: &[u8]) -> Result<Publication, Unreadable> {
        let text = document_text(bytes)?;
        match self {
            Format::Cbu => cbu(&text),
            xml_format => {
                let doc = Document::parse(&text).map_err(|e| Unreadable(format!("not well-formed XML: {e}")))?;
                let root = doc.root_element();
                match xml_format {
                    Format::Nbkr => nbkr(root),
                    Format::Nbk => nbk(root),
                    Format::Cbr => valcurs(root, "RUB"),
                    Format::Nbt => valcurs(root, "TJS"),
                    Format::Ecb => ecb(root),
                    Format::Cbt => cbt(root),
                    Format::Cbu => unreachable!("read above as JSON"),
                }
            }
        }
    }
}

/// The text of `node`'s first child element named `name`.
fn child<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.children().find(|c| c.has_tag_name(name)).and_then(|c| c.text())
}

/// The date an attribute or element holds, or why it cannot be read.
fn date_of(text: Option<&str>, what: &str) -> Result<Day, Unreadable> {
    let text = text.ok_or_else(|| Unreadable(format!("no {what}")))?;
    Day::parse(text).ok_or_else(|| Unreadable(format!("{what} {text:?} is not a date")))
}

/// A quote of `units` of `code` for `value` of the base, if all three read.
fn quote(code: Option<&str>, units: Option<&str>, value: Option<&str>) -> Option<Quote> {
    Some(Quote {
        code: currency(code?)?,
        code_units: figure(units.unwrap_or("1"))?,
        base_units: figure(value?)?,
        date: None,
    })
}

/// The quotes of `parent`'s child elements named `element`, each read by `read`.
fn quotes_of(parent: Node, element: &str, read: impl Fn(Node) -> Option<Quote>) -> Vec<Quote> {
    parent.children().filter(|c| c.has_tag_name(element)).filter_map(read).collect()
}

/// Refuses a publication that lists nothing: the wrong document, most likely.
fn publication(date: Day, base: &str, quotes: Vec<Quote>, element: &str) -> Result<Publication, Unreadable> {
    if quotes.is_empty() {
        return Err(Unreadable(format!("no readable <{element}> entry")));
    }
    Ok(Publication { date, base: base.to_owned(), quotes })
}

fn expect_root(root: Node, name: &str) -> Result<(), Unreadable> {
    if root.tag_name().name() == name {
        Ok(())
    } else {
        Err(Unreadable(format!("the root element is <{}>, not <{name}>", root.tag_name().name())))
    }
}

/// `<CurrencyRates Date="24.05.2026"><Currency ISOCode="USD"><Nominal>1</Nominal><Value>87,4500</Value>`
fn nbkr(root: Node) -> Result<Publication, Unreadable> {
    expect_root(root, "CurrencyRates")?;
    let date = date_of(root.attribute("Date"), "Date attribute")?;
    let quotes = quotes_of(root, "Currency", |c| quote(c.attribute("ISOCode"), child(c, "Nominal"), child(c, "Value")));
    publication(date, "KGS", quotes, "Currency")
}

/// `<rates><date>01.04.2026</date><item><title>USD</title><description>478.77</description><quant>1</quant>`,
/// or the same items in RSS 2.0, each with its own `<pubDate>18.04.16</pubDate>`.
fn nbk(root: Node) -> Result<Publication, Unreadable> {
    let parent = match root.tag_name().name() {
        "rates" => root,
        "rss" => root
            .children()
            .find(|c| c.has_tag_name("channel"))
            .ok_or_else(|| Unreadable("an RSS document without <channel>".into()))?,
        other => return Err(Unreadable(format!("the root element is <{other}>, not <rates> or <rss>"))),
    };
    let mut quotes: Vec<Quote> = Vec::new();
    for item in parent.children().filter(|c| c.has_tag_name("item")) {
        let Some(mut q) = quote(child(item, "title"), child(item, "quant"), child(item, "description")) else {
            continue;
        };
        q.date = child(item, "pubDate").and_then(Day::parse);
        quotes.push(q);
    }
    // The channel's date, else the newest of the items' own.
    let date = match child(parent, "date") {
        Some(text) => date_of(Some(text), "<date>")?,
        None => quotes
            .iter()
            .filter_map(|q| q.date)
            .max()
            .ok_or_else(|| Unreadable("no <date> and no item <pubDate>".into()))?,
    };
    publication(date, "KZT", quotes, "item")
}

/// `<ValCurs Date="25.04.2026"><Valute><CharCode>KZT</CharCode><Nominal>100</Nominal><Value>16,3172</Value>`
/// (CBR in RUB, NBT in TJS with an ISO date).
fn valcurs(root: Node, base: &str) -> Result<Publication, Unreadable> {
    expect_root(root, "ValCurs")?;
    let date = date_of(root.attribute("Date"), "Date attribute")?;
    let quotes = quotes_of(root, "Valute", |c| quote(child(c, "CharCode"), child(c, "Nominal"), child(c, "Value")));
    publication(date, base, quotes, "Valute")
}

/// `<gesmes:Envelope><Cube><Cube time="2025-05-09"><Cube currency="USD" rate="1.1252"/>`:
/// `rate` units of the currency per 1 EUR.
fn ecb(root: Node) -> Result<Publication, Unreadable> {
    expect_root(root, "Envelope")?;
    let day = root
        .descendants()
        .find(|c| c.has_tag_name("Cube") && c.attribute("time").is_some())
        .ok_or_else(|| Unreadable("no <Cube time=…>".into()))?;
    let date = date_of(day.attribute("time"), "Cube time")?;
    let quotes = quotes_of(day, "Cube", |c| quote(c.attribute("currency"), c.attribute("rate"), Some("1")));
    publication(date, "EUR", quotes, "Cube currency")
}

/// `<cbt_currency_rate><date>20.05.2026</date><rate code="RUB"><multiplier>100</multiplier><rate_tmt>4.9088</rate_tmt>`
fn cbt(root: Node) -> Result<Publication, Unreadable> {
    expect_root(root, "cbt_currency_rate")?;
    let date = date_of(child(root, "date"), "<date>")?;
    let quotes = quotes_of(root, "rate", |c| quote(c.attribute("code"), child(c, "multiplier"), child(c, "rate_tmt")));
    publication(date, "TMT", quotes, "rate")
}

/// `[{"Ccy":"USD","Nominal":"1","Rate":"12194.21","Date":"01.04.2026"}, …]`: every
/// field a string; the date is each entry's, the publication's the newest.
fn cbu(text: &str) -> Result<Publication, Unreadable> {
    let entries: Vec<serde_json::Value> =
        serde_json::from_str(text).map_err(|e| Unreadable(format!("not a JSON list: {e}")))?;
    let field = |entry: &serde_json::Value, name: &str| entry.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    let mut quotes: Vec<Quote> = Vec::new();
    for entry in &entries {
        let (code, units, value) = (field(entry, "Ccy"), field(entry, "Nominal"), field(entry, "Rate"));
        if let Some(mut q) = quote(code.as_deref(), units.as_deref(), value.as_deref()) {
            q.date = field(entry, "Date").as_deref().and_then(Day::parse);
            quotes.push(q);
        }
    }
    let date = quotes
        .iter()
        .filter_map(|q| q.date)
        .max()
        .ok_or_else(|| Unreadable("no entry with a readable \"Date\"".into()))?;
    publication(date, "UZS", quotes, "entry")
}
