//! One reader per official publication, each turning the bank's own
//! document into a [`Publication`]: its element names, its decimal comma,
//! its `Nominal` units, its way of writing the date. A reader refuses a
//! document that is not the publication it expects with one line saying
//! what was missing; a single bad entry is left out, never guessed.

use super::publication::{currency, document_text, figure, Day, Publication, Quote, Unreadable};
use roxmltree::{Document, Node};
use rust_decimal::Decimal;

use news_ticker_rules::feed::{parse_feed, parse_rates};
use news_ticker_rules::json;

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
    /// The widget's own rates document (docs/src/feed-format.md "Feed format"), or a feed
    /// with `_ticker`: `{"as_of": "2026-05-24T09:00:00+06:00", "rates": [{"base": "KGS",
    /// "quote": "USD", "rate": "0.01144"}]}`.
    Json,
    /// The same rates as a table: a header naming the columns `date`,
    /// `base`, `quote` and `rate` (any order, others ignored), then one
    /// rate a row; `,` or `;` between fields, a decimal point or comma.
    Csv,
}

impl Format {
    /// The names a configuration gives the formats.
    pub const NAMES: [(&'static str, Format); 9] = [
        ("nbkr", Format::Nbkr),
        ("nbk", Format::Nbk),
        ("cbu", Format::Cbu),
        ("cbr", Format::Cbr),
        ("ecb", Format::Ecb),
        ("nbt", Format::Nbt),
        ("cbt", Format::Cbt),
        ("json", Format::Json),
        ("csv", Format::Csv),
    ];

    /// The format named `name`, if there is one.
    pub fn named(name: &str) -> Option<Format> {
        Format::NAMES.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// Reads a document of this format.
    pub fn read(self, bytes: &[u8]) -> Result<Publication, Unreadable> {
        let text = document_text(bytes)?;
        // A maintenance or error page served in the publication's place.
        if news_ticker_rules::document::Syntax::of(&text) == news_ticker_rules::document::Syntax::Html {
            let name = Format::NAMES.iter().find(|(_, f)| *f == self).map_or("", |(n, _)| *n);
            return Err(Unreadable(format!(
                "an HTML page, not the {name} publication (an error or maintenance page?)"
            )));
        }
        match self {
            Format::Cbu => cbu(&text),
            Format::Json => rates_json(&text),
            Format::Csv => rates_csv(&text),
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
                    Format::Cbu | Format::Json | Format::Csv => unreachable!("read above as text"),
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

/// One rate of a generic document: one `base` costs `rate` of `quote`, on `date`.
struct Listed {
    date: Day,
    base: String,
    quote: String,
    rate: Decimal,
}

/// A publication from listed rates, in the currency they name most often
/// (the first of a tie): `KGS/USD = 0.01144` becomes "1 KGS = 0.01144 USD",
/// `USD/KGS = 87.41` "87.41 KGS = 1 USD". A rate without that currency is
/// left out; a pair is crossed through it instead.
fn listed(rates: Vec<Listed>, what: &str) -> Result<Publication, Unreadable> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for code in rates.iter().flat_map(|r| [r.base.as_str(), r.quote.as_str()]) {
        match counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code, 1)),
        }
    }
    let most = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
    let Some(&(own, _)) = counts.iter().find(|&&(_, n)| n == most) else {
        return Err(Unreadable(format!("no readable {what}")));
    };
    let own = own.to_owned();
    let date = rates.iter().map(|r| r.date).max().expect("a currency was counted, so a rate exists");
    let quotes = rates
        .iter()
        .filter_map(|r| {
            let (code, code_units, base_units) = if r.quote == own {
                (&r.base, Decimal::ONE, r.rate)
            } else if r.base == own {
                (&r.quote, r.rate, Decimal::ONE)
            } else {
                return None;
            };
            Some(Quote { code: code.clone(), code_units, base_units, date: Some(r.date) })
        })
        .collect();
    Ok(Publication { date, base: own, quotes })
}

/// The widget's rates document, or a JSON Feed with `_ticker`, read by the
/// widget's own rules; `as_of` dates every rate.
fn rates_json(text: &str) -> Result<Publication, Unreadable> {
    let doc = json::parse(text).map_err(|e| Unreadable(format!("not JSON: {e}")))?;
    let ticker = if doc.get("_ticker").is_some() {
        parse_feed(&doc).map_err(|e| Unreadable(e.to_string()))?.0.ticker
    } else {
        Some(parse_rates(&doc).map_err(|e| Unreadable(e.to_string()))?.0)
    };
    let ticker = ticker.ok_or_else(|| Unreadable("a feed without a readable _ticker".into()))?;
    let as_of = ticker.as_of.ok_or_else(|| Unreadable("no readable \"as_of\": the rates have no date".into()))?;
    let date = Day {
        year: u16::try_from(as_of.date.year).map_err(|_| Unreadable("\"as_of\" is out of range".into()))?,
        month: as_of.date.month as u8,
        day: as_of.date.day as u8,
    };
    let rates = ticker
        .rates
        .into_iter()
        .filter(|r| r.rate > Decimal::ZERO && currency(&r.base).is_some() && currency(&r.quote).is_some())
        .map(|r| Listed { date, base: r.base, quote: r.quote, rate: r.rate })
        .collect();
    listed(rates, "rate")
}

/// A CSV line's fields: `,` or `;` between them, `"` around a field that
/// holds one (`""` inside is a quote).
fn fields(line: &str, separator: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().expect("one field at least").push('"');
            }
            '"' => quoted = !quoted,
            c if c == separator && !quoted => out.push(String::new()),
            c => out.last_mut().expect("one field at least").push(c),
        }
    }
    out.into_iter().map(|f| f.trim().to_owned()).collect()
}

/// `date,base,quote,rate` then `2026-05-24,KGS,USD,0.01144`; a row that
/// does not read is left out.
fn rates_csv(text: &str) -> Result<Publication, Unreadable> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next().ok_or_else(|| Unreadable("an empty CSV document".into()))?;
    let separator = if header.contains(';') { ';' } else { ',' };
    let names: Vec<String> = fields(header, separator).iter().map(|n| n.to_ascii_lowercase()).collect();
    let column = |name: &str| {
        names.iter().position(|n| n == name).ok_or_else(|| {
            Unreadable(format!("the header has no {name:?} column (it needs date, base, quote and rate)"))
        })
    };
    let [date, base, quote, rate] = [column("date")?, column("base")?, column("quote")?, column("rate")?];
    let rates = lines
        .filter_map(|line| {
            let row = fields(line, separator);
            let cell = |i: usize| row.get(i).map(String::as_str);
            Some(Listed {
                date: Day::parse(cell(date)?)?,
                base: currency(cell(base)?)?,
                quote: currency(cell(quote)?)?,
                rate: figure(cell(rate)?)?,
            })
        })
        .filter(|r| r.base != r.quote)
        .collect();
    listed(rates, "row")
}
