//! The validator as publishers run it: files in, report out, exit status.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

/// Runs the validator in the repository's folder, where the sample feeds
/// (`www/`) and the real-world ones (`tests/e2e/feeds/`) are.
fn run(files: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_news-ticker-validate"))
        .args(files)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("validator runs");
    (out.status.code().expect("exit status"), String::from_utf8(out.stdout).expect("UTF-8 report"))
}

fn temp_file(name: &str, text: &str) -> String {
    let path = std::env::temp_dir().join(format!("news-ticker-validate-{}-{name}", std::process::id()));
    std::fs::write(&path, text).expect("temp file");
    path.to_string_lossy().into_owned()
}

#[test]
fn the_sample_feeds_pass() {
    let (status, report) = run(&["www/feed.json", "www/rates.json"]);
    assert_eq!(status, 0, "{report}");
    assert_eq!(report.matches("0 errors, 0 warnings").count(), 2, "{report}");
}

#[test]
fn rss_and_atom_samples_pass_and_are_told_by_content() {
    let (status, report) = run(&["www/rss.xml", "www/atom.xml"]);
    assert_eq!(status, 0, "{report}");
    assert!(report.contains("www/rss.xml: RSS feed, 5 items") && report.contains("www/atom.xml: Atom feed, 5 items"));
    assert_eq!(report.matches("0 errors, 0 warnings").count(), 2, "{report}");
    let file = temp_file("rss.json", "<rss><channel><item/></channel></rss>");
    let (status, report) = run(&[&file]);
    assert_eq!(status, 1, "{report}");
    assert!(report.contains("RSS feed, 0 items") && report.contains("error    /rss/channel/item[1]:"), "{report}");
}

#[test]
fn warnings_alone_exit_zero() {
    let file = temp_file("warn.json", r#"{"items": [{"id": "1", "title": "A", "date_published": "today"}]}"#);
    let (status, report) = run(&[&file]);
    assert_eq!(status, 0, "{report}");
    assert!(
        report.contains("warning  items[0].date_published:") && report.contains("0 errors, 2 warnings"),
        "{report}"
    );
}

#[test]
fn errors_exit_one_and_name_the_path() {
    let file = temp_file("error.json", r#"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1"}]}"#);
    let (status, report) = run(&[&file]);
    assert_eq!(status, 1, "{report}");
    assert!(report.contains("error    items[0]: has no title and no text; skipped"), "{report}");
}

#[test]
fn unreadable_input_exits_two() {
    let file = temp_file("broken.json", "{\"items\": [");
    assert_eq!(run(&[&file]).0, 2);
    let file = temp_file("broken.xml", "<rss><channel></rss>");
    let (status, report) = run(&[&file]);
    assert_eq!(status, 2, "{report}");
    assert!(report.contains("not well-formed XML"), "{report}");
    let file = temp_file("login.json", "<!DOCTYPE html><html><body>Sign in</body></html>");
    let (status, report) = run(&[&file]);
    assert_eq!(status, 2, "{report}");
    assert!(report.contains("an HTML page, not JSON Feed, RSS or Atom"), "{report}");
    assert_eq!(run(&["/nonexistent/feed.json"]).0, 2);
    assert_eq!(run(&[]).0, 2);
}

/// Real-world feeds (tests/e2e/feeds/): a declared encoding read as the
/// widget reads it, a repaired feed passing with the repair's warning,
/// Atom 0.3 told as Atom, and a document broken beyond repair refused.
#[test]
fn real_world_feeds_as_the_widget_reads_them() {
    let feeds = "tests/e2e/feeds";
    let (status, report) = run(&[&format!("{feeds}/enc-windows-1251.rss"), &format!("{feeds}/atom-0.3.xml")]);
    assert_eq!(status, 0, "{report}");
    assert!(
        report.contains("enc-windows-1251.rss: RSS feed, 1 item")
            && report.contains("atom-0.3.xml: Atom feed, 3 items"),
        "{report}"
    );
    let (status, report) = run(&[&format!("{feeds}/ent-html-entities.rss")]);
    assert_eq!(status, 0, "{report}");
    assert!(report.contains("read after repair: HTML entities (&eacute;, &nbsp;, &mdash;, …)"), "{report}");
    assert!(report.contains("0 errors, 1 warning"), "{report}");
    let (status, report) = run(&[&format!("{feeds}/ent-still-broken.rss")]);
    assert_eq!(status, 2, "{report}");
    assert!(report.contains("not well-formed XML"), "{report}");
}
