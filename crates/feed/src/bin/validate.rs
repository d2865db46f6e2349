//! `news-ticker-validate FEED.json [MORE.json …]`: checks feeds (JSON Feed,
//! RSS, Atom) and rates documents with the widget's own parser and lists
//! every problem with its path (JSON or XML) and a hint. As in the widget,
//! a file is XML when it starts with `<`, whatever its name. Exit status: 0
//! when no file has errors (warnings allowed), 1 when one has, 2 when a file
//! cannot be read or is not JSON or well-formed XML. An XML file is read in
//! the encoding its byte-order mark or declaration names, as in the widget.

fn main() {
    use news_ticker_rules::document::{self, Document};
    use news_ticker_rules::validate::{validate, validate_repaired, Report};
    use news_ticker_rules::xml;

    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() || files.iter().any(|f| f == "-h" || f == "--help") {
        eprintln!("usage: news-ticker-validate FEED [MORE ...]   (JSON Feed, RSS, Atom or a rates document)");
        std::process::exit(2);
    }
    let mut status = 0;
    for file in &files {
        let text = match std::fs::read(file) {
            // In the encoding it declares, as the widget reads it.
            Ok(bytes) => {
                let (text, unknown) = news_ticker_rules::encoding::decode(&bytes, None);
                if let Some(label) = unknown {
                    println!("{file}: the encoding {label:?} is not a WHATWG encoding; read as UTF-8");
                }
                text
            }
            Err(e) => {
                eprintln!("{file}: cannot be read: {e}");
                status = 2;
                continue;
            }
        };
        let checked: Result<Report, String> = match document::read(&text, xml::parse_repaired) {
            Ok(Document::Xml((root, repaired))) => Ok(validate_repaired(&root, repaired)),
            Ok(Document::Json(doc)) => Ok(validate(&doc)),
            Err(unreadable) => Err(unreadable.to_string()),
        };
        match checked {
            Ok(report) => {
                print!("{}", report.text(file));
                if report.errors() > 0 && status == 0 {
                    status = 1;
                }
            }
            Err(why) => {
                println!("{file}: {why}\n1 error, 0 warnings");
                status = 2;
            }
        }
    }
    std::process::exit(status);
}
