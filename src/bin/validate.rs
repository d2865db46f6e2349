//! `news-ticker-validate FEED.json [MORE.json …]`: checks feeds and rates
//! documents with the widget's own parser and lists every problem with its
//! JSON path and a hint. Exit status: 0 when no file has errors (warnings
//! allowed), 1 when one has, 2 when a file cannot be read or is not JSON.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use news_ticker::json::Value;
    use news_ticker::validate::validate;

    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() || files.iter().any(|f| f == "-h" || f == "--help") {
        eprintln!("usage: news-ticker-validate FEED.json [MORE.json ...]");
        std::process::exit(2);
    }
    let mut status = 0;
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{file}: cannot be read: {e}");
                status = 2;
                continue;
            }
        };
        match serde_json::from_str::<Value>(&text) {
            Ok(doc) => {
                let report = validate(&doc);
                print!("{}", report.text(file));
                if report.errors() > 0 && status == 0 {
                    status = 1;
                }
            }
            Err(e) => {
                println!("{file}: not JSON: {e}\n1 error, 0 warnings");
                status = 2;
            }
        }
    }
    std::process::exit(status);
}

/// The validator is a native tool; the wasm build has nothing to run.
#[cfg(target_arch = "wasm32")]
fn main() {}
