//! Facts kept in a second place, each checked against its source: what the
//! page-facing JavaScript must repeat from the rules (it runs before the
//! module is there to ask), and the key of the painted frame.

use news_ticker_rules::config::DEFAULT_LOCALE;

const LOADER: &str = include_str!("../src/web/loader.js");

#[test]
fn the_loader_warms_the_formatters_of_the_default_locale() {
    // The loader makes the `Intl` formatters of each container's locale
    // while the module downloads; one without `data-locale` gets the default.
    let read = "getAttribute(\"data-locale\") || \"\").trim() || \"";
    assert_eq!(LOADER.matches(read).count(), 1, "src/web/loader.js reads data-locale once");
    let fallback = [read, DEFAULT_LOCALE, "\";"].concat();
    assert!(LOADER.contains(&fallback), "src/web/loader.js should fall back to {DEFAULT_LOCALE:?}");
}

#[test]
fn the_script_paints_the_records_the_module_keeps() {
    // `paint` in src/web/host/render.js runs before the module, so it names the key
    // prefix of `rules::paint` itself.
    let host = include_str!("../src/web/host/render.js");
    let read = ["ntHost.store(\"get\", \"", news_ticker_rules::paint::PREFIX, "\" + ntHost.settings(host))"].concat();
    assert!(
        host.contains(&read),
        "src/web/host/render.js should read records under {:?}",
        news_ticker_rules::paint::PREFIX
    );
}
