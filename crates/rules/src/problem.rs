//! What can be wrong with a document: a [`FeedError`] when it cannot be
//! used at all, else a [`Problem`] for each part skipped, ignored or cut,
//! with its [`Severity`] and a [`Hint`] for the publisher. Every reader
//! (JSON Feed, rates, RSS, Atom) reports through [`Problems`].

use std::fmt;

/// Why a document cannot be used at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedError {
    /// The document is not a JSON object; holds the JSON type it was instead.
    NotAnObject(&'static str),
    /// The object has no `items` list (or, for rates, no `rates` list).
    MissingList(&'static str),
    /// An XML document whose root is not RSS or Atom; holds the root's name.
    NotSyndication(String),
    /// An RSS document without its `channel`.
    MissingElement(&'static str),
}

impl FeedError {
    /// What is wrong, in English: `the feed has no "items" list`.
    pub fn message(&self) -> String {
        match self {
            FeedError::NotAnObject(kind) => ["the feed is ", kind, ", not a JSON object"].concat(),
            FeedError::MissingList(name) => ["the feed has no \"", name, "\" list"].concat(),
            FeedError::NotSyndication(root) => {
                ["the feed is XML but not RSS or Atom (its root is <", root, ">)"].concat()
            }
            FeedError::MissingElement(name) => ["the RSS feed has no <", name, ">"].concat(),
        }
    }
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for FeedError {}

/// How bad a [`Problem`] is: an error loses content (an item or a rate is
/// skipped); a warning only ignores or trims something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Content was lost: an item or a rate was skipped.
    Error,
    /// Something was ignored or trimmed; nothing was lost.
    Warning,
}

/// One thing in a document that was skipped, ignored or cut. The widget
/// prints each with `console.warn`; the validator lists them with the hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// How bad it is.
    pub severity: Severity,
    /// Where, as a path into the JSON: `items[3].date_published`.
    pub path: String,
    /// What is wrong and what was done about it.
    pub message: String,
    /// What the publisher can do about it: [`Hint::text`].
    pub hint: Hint,
}

impl Problem {
    /// The path and the message: `items[3] has no title and no text; skipped`.
    pub fn line(&self) -> String {
        [self.path.as_str(), " ", &self.message].concat()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.line())
    }
}

/// What a publisher can do about a [`Problem`]. The words live in
/// [`Hint::text`], which only the validator calls, so the widget's wasm does
/// not carry them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs, reason = "each variant's words are its `text`, one match below")]
pub enum Hint {
    Version,
    Ticker,
    FewerItems,
    UniqueIds,
    FewerRates,
    RateObject,
    TextFields,
    ItemObject,
    ShorterText,
    ItemText,
    HttpLinks,
    IdType,
    Decimal,
    Date,
    RssDate,
    CurrencyCode,
    EmptyItems,
    EmptyRates,
    FeedShape,
    RatesShape,
    WellFormed,
}

impl Hint {
    /// The words the validator prints after the problem.
    pub fn text(self) -> &'static str {
        match self {
            Hint::Version => "set \"version\": \"https://jsonfeed.org/version/1.1\"",
            Hint::Ticker => "give _ticker as {\"as_of\": …, \"rates\": [ … ]}",
            Hint::FewerItems => "keep a feed to the newest few hundred items",
            Hint::UniqueIds => "give every item its own id",
            Hint::FewerRates => "a marquee shows a handful of rates; send those",
            Hint::RateObject => "write each rate as {\"base\": …, \"quote\": …, \"rate\": …}",
            Hint::TextFields => "send text fields as JSON strings",
            Hint::ItemObject => "write each item as a JSON object",
            Hint::ShorterText => "send an excerpt, not the whole article",
            Hint::ItemText => {
                "give each item a title or a text (JSON Feed content_text, RSS description, Atom summary)"
            }
            Hint::HttpLinks => "link items to http:// or https:// pages",
            Hint::IdType => "give ids as strings",
            Hint::Decimal => "send decimals as strings with the digits to show, e.g. \"0.01144\"",
            Hint::Date => "use RFC 3339 with an offset, e.g. \"2025-11-13T09:00:00+06:00\"",
            Hint::RssDate => "use RFC 822, e.g. \"Thu, 13 Nov 2025 09:00:00 +0600\"",
            Hint::CurrencyCode => "use currency codes of letters and digits, e.g. \"KGS\"",
            Hint::EmptyItems => "add at least one item",
            Hint::EmptyRates => "add at least one rate",
            Hint::FeedShape => "a feed is JSON Feed 1.1 (an object with an \"items\" list), RSS 2.0 or Atom 1.0",
            Hint::RatesShape => "a rates document is {\"as_of\": …, \"rates\": [ … ]} or a list of rates",
            Hint::WellFormed => {
                "write &#160; (not &nbsp;) and &amp; for a lone &: XML knows only its own five entities"
            }
        }
    }
}

/// Collects the problems of one parse.
#[derive(Default)]
pub(crate) struct Problems(pub(crate) Vec<Problem>);

impl Problems {
    fn add(&mut self, severity: Severity, path: &str, message: String, hint: Hint) {
        self.0.push(Problem { severity, path: path.to_owned(), message, hint });
    }

    pub(crate) fn error(&mut self, path: &str, message: String, hint: Hint) {
        self.add(Severity::Error, path, message, hint);
    }

    pub(crate) fn warning(&mut self, path: &str, message: String, hint: Hint) {
        self.add(Severity::Warning, path, message, hint);
    }
}

/// A parse result: the usable part, and each problem found on the way.
pub type Parsed<T> = Result<(T, Vec<Problem>), FeedError>;

/// The first 40 characters of `text`, for a message.
pub fn clipped(text: &str) -> String {
    text.chars().take(40).collect()
}
