//! `news-ticker-validate FEED.json [MORE.json …]`: checks feeds (JSON Feed,
//! RSS, Atom) and rates documents with the widget's own parser and lists
//! every problem with its path (JSON or XML) and a hint. As in the widget,
//! a file is XML when it starts with `<`, whatever its name. Exit status: 0
//! when no file has errors (warnings allowed), 1 when one has, 2 when a file
//! cannot be read or is not JSON or well-formed XML. An XML file is read in
//! the encoding its byte-order mark or declaration names, as in the widget.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use news_ticker::rules::syndication::Syntax;
    use news_ticker::rules::validate::{validate, validate_repaired, Report};

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
                let (text, unknown) = news_ticker::rules::encoding::decode(&bytes, None);
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
        let checked: Result<Report, String> = match Syntax::of(&text) {
            Syntax::Xml => news_ticker::rules::xml::parse_repaired(&text)
                .map(|(root, repaired)| validate_repaired(&root, repaired))
                .map_err(|e| format!("not well-formed XML: {e}")),
            Syntax::Json => {
                news_ticker::rules::json::parse(&text).map(|doc| validate(&doc)).map_err(|e| format!("not JSON: {e}"))
            }
            Syntax::Html => Err("an HTML page, not JSON Feed, RSS or Atom".to_owned()),
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

/// The validator is a native tool; the wasm build has nothing to run.
#[cfg(target_arch = "wasm32")]
fn main() {}
