//! The widget in a real DOM (headless Chromium through wasm-bindgen-test):
//! rendering through the shadow root, RSS and Atom, failure states.
//! Feeds are served as blob: URLs, so these tests need no server.
#![cfg(target_arch = "wasm32")]

use news_ticker::web::api::{from_js, to_js};
use news_ticker_rules::api::{Attributes, Content, Counts, ErrorDetail, ShownItem, ShownRate};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

const FEED: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "_ticker": {"as_of": "2025-11-13T00:30:00+06:00", "rates": [
    {"base": "KGS", "quote": "USD", "rate": "0.01144", "change_pct": "0"},
    {"base": "UZS", "quote": "USD", "rate": 8e-05, "previous": 0.00008},
    {"base": "BAD", "quote": "USD", "rate": "n/a"}
  ]},
  "items": [
    {"id": "1", "url": "https://news.example.org/a", "title": "First", "content_text": "one two three four five"},
    {"id": "2", "url": "javascript:alert(1)", "title": "Second", "content_html": "<img src=x onerror=alert(1)>safe <b>text</b>"},
    {"id": "3", "url": "/relative", "title": "Third", "summary": "short"}
  ]
}"#;

#[wasm_bindgen_test]
async fn renders_rates_date_counter_and_cards_into_the_shadow_root() {
    let url = feed_url(FEED);
    let el = widget(&[("data-feed", &url), ("data-excerpt-words", "3"), ("data-page-size", "2")]).await;
    let visible = shadow(&el).query_selector(".segment:not([aria-hidden])").unwrap().unwrap();
    let found = visible.query_selector_all("[part~=rate]").unwrap();
    let rates: Vec<String> =
        (0..found.length()).filter_map(|i| found.item(i)).map(|n| n.text_content().unwrap_or_default()).collect();
    assert_eq!(rates, ["KGS/USD = 0.01144 0%", "UZS/USD = 0.00008 0%"]);
    // Copies for the loop (at least one; more where the rates are narrower
    // than the widget), each hidden from screen readers and inert.
    let segments = texts(&el, ".segment");
    let copies = texts(&el, ".segment[aria-hidden=true][inert]");
    assert!(segments.len() >= 2 && segments.len().is_multiple_of(2), "{segments:?}");
    assert_eq!(copies.len(), segments.len() - 1);
    assert!(copies.iter().all(|c| *c == segments[0]));
    assert_eq!(texts(&el, "[part~=date]"), ["13 November 2025"]);
    assert_eq!(texts(&el, "[part~=counter]"), ["Viewing results 1 - 2 of 3"]);
    assert_eq!(texts(&el, "[part~=title]"), ["First", "Second"]);
    assert_eq!(texts(&el, "[part~=excerpt]"), ["one two three...", "safe text"]);
    discard(&el);
}

#[wasm_bindgen_test]
async fn only_http_links_become_anchors_and_feed_html_creates_no_elements() {
    let url = feed_url(FEED);
    let el = widget(&[("data-feed", &url)]).await;
    let root = shadow(&el);
    let anchors = root.query_selector_all("a").unwrap();
    let hrefs: Vec<String> = (0..anchors.length())
        .filter_map(|i| anchors.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    // The relative link resolves against the feed's (blob:) URL, which is
    // not http, so it is dropped too; the javascript: link never appears.
    assert_eq!(hrefs, ["https://news.example.org/a"]);
    assert!(root.query_selector("img").unwrap().is_none());
    assert_eq!(texts(&el, "span[part~=title]"), ["Second", "Third"]);
    discard(&el);
}

#[wasm_bindgen_test]
async fn show_more_adds_a_page_of_cards_and_hides_when_all_are_shown() {
    let url = feed_url(FEED);
    let el = widget(&[("data-feed", &url), ("data-page-size", "2")]).await;
    let more: HtmlElement = shadow(&el).query_selector("[part~=more]").unwrap().unwrap().unchecked_into();
    assert!(!more.hidden());
    more.click();
    assert_eq!(texts(&el, "[part~=counter]"), ["Viewing results 1 - 3 of 3"]);
    assert!(more.hidden());
    discard(&el);
}

#[wasm_bindgen_test]
async fn invalid_json_shows_a_status_message_and_fires_an_error_event() {
    let (el, messages) = mounted_with_errors(&feed_url("{ not json")).await;
    assert_eq!(texts(&el, "[part~=status]"), ["The news could not be loaded: the feed is not valid JSON."]);
    assert_eq!(messages, ["the feed is not valid JSON"]);
    discard(&el);
}

#[wasm_bindgen_test]
async fn a_missing_feed_attribute_is_an_error_state_not_a_blank_box() {
    let el = widget(&[]).await;
    assert_eq!(
        texts(&el, "[part~=status]"),
        ["The news could not be loaded: no feed is configured (data-feed is missing)."]
    );
    discard(&el);
}

#[wasm_bindgen_test]
async fn an_element_without_shadow_support_is_refused_without_throwing() {
    let el = container(&[]);
    let input = document().create_element("input").unwrap();
    el.append_child(&input).unwrap();
    let result = JsFuture::from(news_ticker::mount(&input)).await;
    assert!(result.is_err(), "mount rejects for an <input>");
    el.remove();
}

/// A rate or change sent as a JSON number keeps the digits it was written
/// with: `JSON.parse` would have made `1.50` the float 1.5.
#[wasm_bindgen_test]
async fn json_numbers_show_the_digits_they_were_written_with() {
    let url = feed_url(
        r#"{"items": [], "_ticker": {"rates": [
        {"base": "KGS", "quote": "USD", "rate": 0.011440, "change_pct": 1.50},
        {"base": "UZS", "quote": "USD", "rate": 8e-5, "change_pct": -0.250},
        {"base": "KZT", "quote": "USD", "rate": 1E+3, "previous": 8.00E2}
    ]}}"#,
    );
    let el = widget(&[("data-feed", &url)]).await;
    let lines: Vec<String> = rate_lines(&el).into_iter().map(|(text, _)| text).collect();
    assert_eq!(lines, ["KGS/USD = 0.011440 1.50%", "UZS/USD = 0.00008 -0.250%", "KZT/USD = 1000 25%"]);
    discard(&el);
}

/// The body crosses into the module as bytes: a byte-order mark is
/// dropped and broken UTF-8 shows U+FFFD, as the browser's decoder does.
#[wasm_bindgen_test]
async fn a_byte_order_mark_and_broken_utf8_read_as_the_browser_decodes_them() {
    let mut bytes = b"\xef\xbb\xbf{\"items\": [{\"id\": \"1\", \"title\": \"Bi\xff\xfekek \xd0\x9a\", \"content_text\": \"x\xe2\x82\"}]}".to_vec();
    let el = widget(&[("data-feed", &bytes_url(&bytes)), ("data-show", "headlines")]).await;
    assert_eq!(texts(&el, "[part~=title]"), ["Bi\u{fffd}\u{fffd}kek К"]);
    assert_eq!(texts(&el, "[part~=excerpt]"), ["x\u{fffd}"]);
    discard(&el);
    bytes.truncate(bytes.len() - 3);
    let (el, messages) = mounted_with_errors(&bytes_url(&bytes)).await;
    assert_eq!(messages, ["the feed is not valid JSON"], "still a clear error when cut short");
    discard(&el);
}

/// Text and spoken label of each rate in the visible segment.
fn rate_lines(el: &Element) -> Vec<(String, String)> {
    let visible = shadow(el).query_selector(".segment:not([aria-hidden])").unwrap().unwrap();
    let found = visible.query_selector_all("[part~=rate]").unwrap();
    (0..found.length())
        .filter_map(|i| found.item(i))
        .map(|n| n.unchecked_into::<Element>())
        .map(|li| (li.text_content().unwrap_or_default(), li.get_attribute("aria-label").unwrap_or_default()))
        .collect()
}

const RATES: &str = r#"{"items": [], "_ticker": {"rates": [
    {"base": "KGS", "quote": "USD", "rate": "0.01144", "change_pct": "0"},
    {"base": "UZS", "quote": "USD", "rate": "12345.678900", "change_pct": "-0.25"},
    {"base": "TJS", "quote": "USD", "rate": 8e-5, "change_pct": 1.5}
]}}"#;

#[wasm_bindgen_test]
async fn rates_keep_the_feeds_digits_in_en_gb_and_say_their_direction() {
    let url = feed_url(RATES);
    let el = widget(&[("data-feed", &url)]).await;
    let line = |text: &str, label: &str| (text.to_owned(), label.to_owned());
    assert_eq!(
        rate_lines(&el),
        [
            line("KGS/USD = 0.01144 0%", "KGS to USD 0.01144, unchanged"),
            line("UZS/USD = 12345.678900 -0.25%", "UZS to USD 12345.678900, down 0.25%"),
            line("TJS/USD = 0.00008 1.5%", "TJS to USD 0.00008, up 1.5%"),
        ]
    );
    discard(&el);
}

/// A rate of another day than the date line's says its own date in its
/// spoken label, in the reader's language; its text stays the contract's.
#[wasm_bindgen_test]
async fn a_rate_of_an_older_publication_says_its_date() {
    let feed = r#"{"items": [], "_ticker": {"as_of": "2026-05-24T00:00:00Z", "rates": [
        {"base": "KGS", "quote": "USD", "rate": "0.01144", "as_of": "2026-05-24T00:00:00Z"},
        {"base": "TJS", "quote": "USD", "rate": "0.10701", "as_of": "2026-05-18T00:00:00Z"}]}}"#;
    let url = feed_url(feed);
    let el = widget(&[("data-feed", &url)]).await;
    let line = |text: &str, label: &str| (text.to_owned(), label.to_owned());
    // The date as the date line writes it: the browser's own Intl for en-GB.
    let options = js_sys::Object::new();
    for (key, value) in [("day", "numeric"), ("month", "long"), ("year", "numeric"), ("timeZone", "UTC")] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).unwrap();
    }
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&"en-GB".into()), &options);
    let may18 = js_sys::Date::new(&"2026-05-18T00:00:00Z".into());
    let date: String = format.format().call1(&format, &may18).unwrap().as_string().unwrap();
    assert_eq!(
        rate_lines(&el),
        [
            line("KGS/USD = 0.01144 0%", "KGS to USD 0.01144, unchanged"),
            line("TJS/USD = 0.10701 0%", &format!("TJS to USD 0.10701, unchanged, as of {date}")),
        ]
    );
    discard(&el);
}

#[wasm_bindgen_test]
async fn rates_follow_the_locales_separators_with_every_place_kept() {
    let url = feed_url(RATES);
    let el = widget(&[("data-feed", &url), ("data-locale", "de-DE")]).await;
    let texts: Vec<String> = rate_lines(&el).into_iter().map(|(text, _)| text).collect();
    assert_eq!(texts, ["KGS/USD = 0,01144 0%", "UZS/USD = 12345,678900 -0,25%", "TJS/USD = 0,00008 1,5%"]);
    discard(&el);
}

#[wasm_bindgen_test]
async fn text_without_spaces_is_cut_after_words_found_by_intl_segmenter() {
    let text = "中亚经济增长持续加快，哈萨克斯坦和乌兹别克斯坦贸易额创新高。";
    let feed = format!(r#"{{"items": [{{"id": "1", "title": "亚洲", "content_text": "{text}"}}]}}"#);
    let url = feed_url(&feed);
    let el = widget(&[("data-feed", &url), ("data-locale", "zh-CN"), ("data-excerpt-words", "3")]).await;
    let excerpt = texts(&el, "[part~=excerpt]").remove(0);
    let kept = excerpt.strip_suffix("...").expect("the text is cut");
    assert!(text.starts_with(kept), "{excerpt}");
    // Three words, not three characters and not the whole run.
    let chars = kept.chars().count();
    assert!((4..=9).contains(&chars), "{excerpt}: {chars} characters for 3 words");
    discard(&el);
}

const RSS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>RSS news</title>
    <item><title>Som &amp; tenge</title><link>https://news.example.org/a</link><guid isPermaLink="false">a</guid>
      <pubDate>Thu, 13 Nov 2025 00:10:00 +0600</pubDate>
      <description><![CDATA[<p>one <b>two</b> three four</p><img src=x onerror="window.__ntRan = 1">]]></description></item>
    <item><title>Second</title><link>javascript:alert(1)</link><content:encoded>&lt;p&gt;encoded text&lt;/p&gt;</content:encoded></item>
  </channel>
</rss>"#;

const ATOM: &str = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
  <entry><id>1</id><title type="html">&lt;i&gt;First&lt;/i&gt; entry</title><link href="https://news.example.org/1"/>
    <published>2025-11-12T23:30:00-05:00</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>alpha</p><p>beta <script>window.__ntRan = 1</script>gamma</p></div></content></entry>
</feed>"#;

/// RSS and Atom are told from JSON by their content, whatever the media
/// type says, and read by the browser's XML parser as text only.
#[wasm_bindgen_test]
async fn rss_and_atom_render_as_cards_whatever_their_media_type() {
    let rss = served_as(RSS, "application/json");
    let el = widget(&[("data-feed", &rss), ("data-excerpt-words", "3")]).await;
    assert_eq!(texts(&el, "[part~=title]"), ["Som & tenge", "Second"]);
    assert_eq!(texts(&el, "[part~=excerpt]"), ["one two three...", "encoded text"]);
    assert_eq!(texts(&el, "[part~=date]"), ["13 November 2025"]);
    assert!(shadow(&el).query_selector("img, b, script").unwrap().is_none());
    discard(&el);

    let atom = served_as(ATOM, "application/atom+xml");
    let el = widget(&[("data-feed", &atom)]).await;
    assert_eq!(texts(&el, "[part~=title]"), ["First entry"]);
    assert_eq!(texts(&el, "[part~=excerpt]"), ["alpha beta gamma"]);
    // The date written in the feed, not the reader's day.
    assert_eq!(texts(&el, "[part~=date]"), ["12 November 2025"]);
    discard(&el);
    // Let any image load or script task that could have been started run.
    sleep(50).await;
    let ran = js_sys::Reflect::get(&js_sys::global(), &"__ntRan".into()).unwrap();
    assert!(ran.is_undefined(), "nothing in the XML ran");
}

#[wasm_bindgen_test]
async fn malformed_xml_is_an_error_with_the_parsers_reason() {
    let url = served_as("<rss><channel><title>x</channel></rss>", "application/rss+xml");
    let (el, messages) = mounted_with_errors(&url).await;
    let message = match messages.as_slice() {
        [one] => one.clone(),
        other => panic!("one error event expected: {other:?}"),
    };
    assert!(message.starts_with("the feed is not well-formed XML ("), "{message}");
    assert!(message.contains("line 1"), "the parser's reason says where: {message}");
    discard(&el);

    let url = served_as(r#"<opml version="2.0"><body><outline text="feeds"/></body></opml>"#, "text/xml");
    let el = widget(&[("data-feed", &url)]).await;
    assert_eq!(
        texts(&el, "[part~=status]"),
        ["The news could not be loaded: the feed is XML but not RSS or Atom (its root is <opml>)."]
    );
    discard(&el);

    let url = served_as("<!DOCTYPE html><html><body>Sign in</body></html>", "text/html");
    let el = widget(&[("data-feed", &url)]).await;
    assert_eq!(
        texts(&el, "[part~=status]"),
        ["The news could not be loaded: the feed is an HTML page, not JSON Feed, RSS or Atom."]
    );
    discard(&el);
}

/// The copy out of the DOM: names, namespaces, attributes without the
/// namespaced ones, CDATA as text, and the caps on depth and width.
#[wasm_bindgen_test]
fn xml_documents_are_copied_out_of_the_dom_with_their_limits() {
    use news_ticker::web::xmldoc::parse;
    use news_ticker_rules::xml::{Element, Node, ATOM as ATOM_NS};

    install_host();
    let root = parse(
        r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:x" xml:lang="en"><x:a b="1" x:c="2"><![CDATA[<raw>]]> &amp; more</x:a></feed>"#,
    )
    .map_err(|e| format!("{e:?}"))
    .unwrap();
    let expected = Element {
        name: "feed".into(),
        namespace: Some(ATOM_NS.into()),
        attributes: vec![],
        children: vec![Node::Element(Element {
            name: "a".into(),
            namespace: Some("urn:x".into()),
            attributes: vec![("b".into(), "1".into())],
            children: vec![Node::Text("<raw>".into()), Node::Text(" & more".into())],
        })],
    };
    assert_eq!(root, expected);

    // Nesting past the cap keeps the deep text as one run.
    let deep = format!("{}deep text{}", "<a>".repeat(40), "</a>".repeat(40));
    let mut element = &parse(&deep).map_err(|e| format!("{e:?}")).unwrap();
    let mut depth = 0;
    while let Some(Node::Element(inner)) = element.children.first() {
        element = inner;
        depth += 1;
    }
    assert!(depth < 40, "copying stops going deeper");
    assert_eq!(element.text(), "deep text");

    // A parent keeps a bounded number of children, more than a feed reads.
    let wide = format!("<rss>{}</rss>", "<item/>".repeat(5_000));
    let copied = parse(&wide).map_err(|e| format!("{e:?}")).unwrap().elements().count();
    assert!((news_ticker_rules::feed::MAX_ITEMS + 1..5_000).contains(&copied), "{copied}");
}

/// What `NewsTicker.content` resolves to for `el`, as its Rust type.
async fn content(el: &Element) -> Content {
    let value = JsFuture::from(news_ticker::content(el)).await.expect("content resolves");
    from_js(value).expect("content reads as its type")
}

/// Rate lines, then each card's title, link and date.
type Shown = (Vec<String>, Vec<(String, Option<String>, Option<String>)>);

/// The marquee's rate texts and the cards' title texts, links and dates
/// as the browser has them in the shadow root.
fn on_screen(el: &Element) -> Shown {
    let rates = texts(el, "[part~='ticker'] li[part~='rate']:not([aria-hidden] *)");
    let cards = shadow(el).query_selector_all("[part~='card']").unwrap();
    let cards = (0..cards.length())
        .map(|i| cards.item(i).unwrap().unchecked_into::<Element>())
        .map(|card| {
            let title = card.query_selector("[part~='title']").unwrap().unwrap();
            let time = card.query_selector("time").unwrap().and_then(|t| t.get_attribute("datetime"));
            (title.text_content().unwrap_or_default(), title.get_attribute("href"), time)
        })
        .collect();
    (rates, cards)
}

/// `content` said as the page shows it: each rate as its line, each item
/// as its title, link and date.
fn as_shown(content: &Content) -> Shown {
    let rates =
        content.rates.iter().map(|r| format!("{}/{} = {} {}%", r.base, r.quote, r.rate, r.change_pct)).collect();
    let items =
        content.items.iter().map(|i| (i.title.clone().unwrap_or_default(), i.url.clone(), i.date.clone())).collect();
    (rates, items)
}

#[wasm_bindgen_test]
async fn content_is_what_the_shadow_root_shows() {
    let dated =
        FEED.replace(r#""title": "First","#, r#""title": "First", "date_published": "2025-11-13T08:00:00+06:00","#);
    let el = widget(&[("data-feed", &feed_url(&dated)), ("data-page-size", "2"), ("data-card", "date")]).await;
    let shown = content(&el).await;
    assert_eq!(as_shown(&shown), on_screen(&el));
    assert_eq!(shown.rates.len(), 2, "the bad rate is skipped, as on screen");
    assert_eq!(shown.items.iter().map(|i| i.id.as_deref()).collect::<Vec<_>>(), [Some("1"), Some("2")]);
    // "Show more": the cards shown now.
    shadow(&el).query_selector("[part~='more']").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    let more = content(&el).await;
    assert_eq!(more.items.len(), 3);
    assert_eq!(as_shown(&more), on_screen(&el));
    discard(&el);
}

#[wasm_bindgen_test]
async fn content_follows_data_rates_the_locale_and_what_is_shown() {
    let rates = feed_url(
        r#"{"as_of": "2025-11-13", "rates": [{"base": "KZT", "quote": "USD", "rate": "0.00191", "previous": "0.001881"}]}"#,
    );
    let el = widget(&[("data-feed", &feed_url(FEED)), ("data-rates", &rates), ("data-locale", "ru-RU")]).await;
    let shown = content(&el).await;
    assert_eq!(as_shown(&shown).0, on_screen(&el).0);
    assert_eq!((shown.rates[0].rate.as_str(), shown.rates[0].change_pct.as_str()), ("0,00191", "1,54"));
    discard(&el);
    let ticker = widget(&[("data-feed", &feed_url(FEED)), ("data-show", "ticker")]).await;
    let shown = content(&ticker).await;
    assert_eq!((shown.rates.len(), shown.items.len()), (2, 0));
    discard(&ticker);
    let headlines = widget(&[("data-feed", &feed_url(FEED)), ("data-show", "headlines")]).await;
    let shown = content(&headlines).await;
    assert_eq!((shown.rates.len(), shown.items.len()), (0, 3));
    discard(&headlines);
}

#[wasm_bindgen_test]
async fn content_waits_for_the_first_render_and_rejects_once_the_widget_is_gone() {
    let el = container(&[("data-feed", &feed_url(FEED))]);
    // Asked before the widget exists: rejected.
    assert!(JsFuture::from(news_ticker::content(&el)).await.is_err());
    let mounting = JsFuture::from(news_ticker::mount(&el));
    let asked = JsFuture::from(news_ticker::content(&el));
    let shown: Content = from_js(asked.await.expect("resolves after the first render")).unwrap();
    mounting.await.unwrap();
    assert_eq!(as_shown(&shown), on_screen(&el));
    news_ticker::unmount(&el);
    let gone = JsFuture::from(news_ticker::content(&el)).await.expect_err("no widget now");
    let message = js_sys::Reflect::get(&gone, &"message".into()).unwrap().as_string().unwrap();
    assert_eq!(message, "news-ticker: this element has no widget (mount it first)");
    // Unmounted before its first render: the waiting promise rejects too.
    let hanging = container(&[("data-feed", "https://hang.invalid/feed.json?content")]);
    let _ = news_ticker::mount(&hanging);
    let waiting = JsFuture::from(news_ticker::content(&hanging));
    news_ticker::unmount(&hanging);
    assert!(waiting.await.is_err());
    el.remove();
    hanging.remove();
}

#[wasm_bindgen_test]
async fn an_error_state_has_empty_content() {
    let (el, errors) = mounted_with_errors("{not json").await;
    assert_eq!(errors.len(), 1);
    assert_eq!(content(&el).await, Content::default());
    discard(&el);
}

#[wasm_bindgen_test]
fn check_reads_an_object_of_attributes_and_answers_an_array_of_warnings() {
    let attributes = js_sys::JSON::parse(r#"{"data-speed": "fast", "data-feed": "/feed.json"}"#).unwrap();
    let warnings: Vec<String> = from_js(news_ticker::check(attributes).unwrap()).unwrap();
    assert_eq!(warnings, ["news-ticker: data-speed=\"fast\" is not a positive number of pixels per second; using 50"]);
    let none: Vec<String> = from_js(news_ticker::check(js_sys::Object::new().into()).unwrap()).unwrap();
    assert!(none.is_empty());
    assert!(news_ticker::check(js_sys::JSON::parse(r#"{"data-speed": 5}"#).unwrap()).is_err(), "values are strings");
}

#[wasm_bindgen_test]
fn api_values_cross_to_javascript_as_the_declarations_say_and_back() {
    let content = Content {
        rates: vec![ShownRate {
            base: "KGS".into(),
            quote: "USD".into(),
            rate: "0.01144".into(),
            change_pct: "0".into(),
        }],
        items: vec![ShownItem {
            id: None,
            url: Some("https://n.example/a".into()),
            title: Some("A".into()),
            date: None,
        }],
    };
    let attributes = Attributes(vec![("data-speed".into(), "40".into())]);
    let counts = Counts { items: 5, rates: 3 };
    let error = ErrorDetail { message: "the feed answered HTTP 500".into() };
    // The same JSON that tests/api.rs writes for tsc: plain objects, null for none.
    let json = |value: &JsValue| js_sys::JSON::stringify(value).unwrap().as_string().unwrap();
    assert_eq!(json(&to_js(&content)), serde_json::to_string(&content).unwrap());
    assert_eq!(json(&to_js(&attributes)), serde_json::to_string(&attributes).unwrap());
    assert_eq!(from_js::<Content>(to_js(&content)).unwrap(), content);
    assert_eq!(from_js::<Attributes>(to_js(&attributes)).unwrap(), attributes);
    assert_eq!(from_js::<Counts>(to_js(&counts)).unwrap(), counts);
    assert_eq!(from_js::<ErrorDetail>(to_js(&error)).unwrap(), error);
}

#[wasm_bindgen_test]
async fn feed_markup_reads_in_the_widget_as_the_browser_renders_it() {
    // The cases tests/html.rs checks natively, each as one item's content_html.
    let fixture: serde_json::Value = serde_json::from_str(include_str!("fixtures/html/innertext.json")).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    let items: Vec<serde_json::Value> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| serde_json::json!({"id": i.to_string(), "title": format!("case {i}"), "content_html": case["markup"]}))
        .collect();
    let feed = serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "items": items}).to_string();
    let pages = cases.len().to_string();
    let el = widget(&[("data-feed", &feed_url(&feed)), ("data-page-size", &pages), ("data-show", "headlines")]).await;
    let cards = shadow(&el).query_selector_all("[part~='card']").unwrap();
    assert_eq!(cards.length() as usize, cases.len());
    let mut wrong = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let card = cards.item(i as u32).unwrap().unchecked_into::<Element>();
        let shown =
            card.query_selector("[part~='excerpt']").unwrap().and_then(|e| e.text_content()).unwrap_or_default();
        if shown != case["text"].as_str().unwrap() {
            wrong.push(format!("{}\n  browser: {}\n  widget:  {shown:?}", case["markup"], case["text"]));
        }
    }
    assert!(wrong.is_empty(), "{} of {} differ:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
    discard(&el);
}

#[wasm_bindgen_test]
async fn rss_titles_with_markup_or_references_show_as_the_browser_renders_that_html() {
    let fixture: serde_json::Value = serde_json::from_str(include_str!("fixtures/html/innertext.json")).unwrap();
    let browser = |markup: &str| {
        let cases = fixture["cases"].as_array().unwrap();
        cases.iter().find(|c| c["markup"] == markup).unwrap()["text"].as_str().unwrap().to_owned()
    };
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
        <item><title>Q&amp;amp;A with the minister</title><guid>1</guid><description>a</description></item>
        <item><title><![CDATA[Rock & Roll <b>live</b>]]></title><guid>2</guid><description>b</description></item>
        <item><title>AT&amp;T and R&amp;D</title><guid>3</guid><description>c</description></item>
        <item><title>x &lt; y</title><guid>4</guid><description>d</description></item>
        </channel></rss>"#;
    let el = widget(&[("data-feed", &served_as(rss, "application/rss+xml")), ("data-show", "headlines")]).await;
    let expected: Vec<String> =
        ["Q&amp;A with the minister", "Rock & Roll <b>live</b>", "AT&T and R&D", "x < y"].map(browser).into();
    assert_eq!(texts(&el, "[part~='title']"), expected);
    discard(&el);
}
