//! A widget's life in a real page (headless Chromium through
//! wasm-bindgen-test): mounting, unmounting, remounting, refreshing, what
//! is left running afterwards, and the content kept in `localStorage`.
//! Requests are counted by a wrapper around the page's `fetch`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Storage, Url};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

#[wasm_bindgen(inline_js = r#"
export function spy_on_fetch() {
  if (globalThis.__ntSpy) return;
  const spy = { urls: [], aborted: [], gone: new Set() };
  globalThis.__ntSpy = spy;
  const original = globalThis.fetch;
  // Requests to hang.invalid never answer; they end only when aborted.
  // A URL marked gone fails as an unreachable server does.
  globalThis.fetch = function (request, init) {
    const url = typeof request === "string" ? request : request.url;
    spy.urls.push(url);
    if (spy.gone.has(url)) return Promise.reject(new TypeError("Failed to fetch"));
    if (url.startsWith("https://hang.invalid/")) {
      return new Promise((_, reject) => {
        const signal = (init && init.signal) || request.signal;
        signal.addEventListener("abort", () => {
          spy.aborted.push(url);
          reject(new DOMException("aborted", "AbortError"));
        });
      });
    }
    return original.apply(this, arguments);
  };
}
// Makes `url`'s next load take an answer as the loader's early request
// would hand it over: `status`, `headers`, and a body streamed as the
// chunks (Uint8Arrays, or `repeat` copies of `size` zero bytes), pulled only
// when read. Returns what the body saw: chunks pulled, whether cancelled.
export function answer_early(url, status, headers, chunks, repeat, size) {
  const seen = { pulled: 0, cancelled: false };
  const all = chunks.length ? chunks : Array.from({ length: repeat }, () => new Uint8Array(size));
  const body = new ReadableStream({
    pull(controller) {
      if (seen.pulled === all.length) return controller.close();
      controller.enqueue(all[seen.pulled++]);
    },
    cancel() {
      seen.cancelled = true;
    },
  }, { highWaterMark: 0 });
  const answers = (globalThis.__ntEarly = globalThis.__ntEarly || new Map());
  answers.set(url, new Response(body, { status, headers }));
  ntHost.early = (asked) => {
    const answer = answers.get(asked);
    answers.delete(asked);
    return answer && Promise.resolve(answer);
  };
  return seen;
}
export function pulled(seen) {
  return seen.pulled;
}
export function cancelled(seen) {
  return seen.cancelled;
}
export function make_gone(url) {
  globalThis.__ntSpy.gone.add(url);
}
export function requests_to(url) {
  return globalThis.__ntSpy.urls.filter((u) => u === url).length;
}
export function was_aborted(url) {
  return globalThis.__ntSpy.aborted.includes(url);
}
// Makes every Storage method throw, or (broken = false) puts them back.
const names = ["getItem", "setItem", "removeItem", "key", "length"];
const saved = {};
export function break_storage(broken) {
  const throws = () => { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
  for (const name of names) {
    if (broken) {
      saved[name] = Object.getOwnPropertyDescriptor(Storage.prototype, name);
      const replaced = name === "length" ? { get: throws } : { value: throws };
      Object.defineProperty(Storage.prototype, name, { ...saved[name], ...replaced });
    } else {
      Object.defineProperty(Storage.prototype, name, saved[name]);
    }
  }
}
// Makes window.localStorage itself throw (storage disabled by the
// browser's settings), or puts it back.
let own = null;
export function deny_storage(denied) {
  if (denied) {
    own = Object.getOwnPropertyDescriptor(window, "localStorage") || null;
    Object.defineProperty(window, "localStorage", { configurable: true, get() { throw new DOMException("denied", "SecurityError"); } });
  } else if (own) {
    Object.defineProperty(window, "localStorage", own);
  } else {
    delete window.localStorage;
  }
}
"#)]
extern "C" {
    fn spy_on_fetch();
    fn answer_early(
        url: &str,
        status: u16,
        headers: &js_sys::Object,
        chunks: &js_sys::Array,
        repeat: u32,
        size: u32,
    ) -> JsValue;
    fn pulled(seen: &JsValue) -> u32;
    fn cancelled(seen: &JsValue) -> bool;
    fn make_gone(url: &str);
    fn requests_to(url: &str) -> u32;
    fn was_aborted(url: &str) -> bool;
    fn break_storage(broken: bool);
    fn deny_storage(denied: bool);
}

const FEED: &str = r#"{"items": [
    {"id": "1", "title": "First", "content_text": "one"},
    {"id": "2", "title": "Second", "content_text": "two"},
    {"id": "3", "title": "Third", "content_text": "three"}
]}"#;

fn storage() -> Storage {
    web_sys::window().unwrap().local_storage().unwrap().expect("localStorage")
}

fn cache_key(url: &str) -> String {
    format!("news-ticker:1:{url}")
}

/// A blob: URL that no longer answers: fetching it is a network error.
fn dead_url() -> String {
    let url = feed_url("{}");
    Url::revoke_object_url(&url).unwrap();
    url
}

/// An entry as the guide documents it, written by hand.
fn entry(url: &str, saved_at: u64, feed: &str) -> String {
    format!("news-ticker 1\n{saved_at} {} {url}\n-\n{feed}", feed.len())
}

/// `news-ticker:ready` events seen on `el`, counted.
fn count_ready(el: &Element) -> (std::rc::Rc<std::cell::Cell<u32>>, gloo_events::EventListener) {
    let count = std::rc::Rc::new(std::cell::Cell::new(0));
    let seen = count.clone();
    (count, listen(el, "news-ticker:ready", move |_| seen.set(seen.get() + 1)))
}

/// A widget on `feed` once it has shown cached content and then the
/// failure of the feed, with the messages of its error events.
async fn stale(feed: &str) -> (Element, Vec<String>) {
    let el = container(&[("data-feed", feed)]);
    let errors = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen = errors.clone();
    let _listener = on_error_event(&el, move |message| seen.borrow_mut().push(message));
    mounted(&el).await;
    until("the feed's failure", || !errors.borrow().is_empty()).await;
    let errors = errors.borrow().clone();
    (el, errors)
}

#[wasm_bindgen_test]
async fn mounting_twice_keeps_one_widget_and_unmount_leaves_nothing() {
    spy_on_fetch();
    let url = feed_url(FEED);
    let el = container(&[("data-feed", &url)]);
    let (ready, _listener) = count_ready(&el);
    let (first, second) = (news_ticker::mount(&el), news_ticker::mount(&el));
    JsFuture::from(first).await.unwrap();
    JsFuture::from(second).await.unwrap();
    mounted(&el).await;
    assert_eq!(texts(&el, "[part~=card]").len(), 3);
    assert_eq!(shadow(&el).child_element_count(), 1);
    assert_eq!((ready.get(), requests_to(&url)), (1, 1), "one widget, one load, one ready event");
    news_ticker::unmount(&el);
    assert_eq!(shadow(&el).child_nodes().length(), 0);
    assert_eq!(shadow(&el).adopted_style_sheets().length(), 0);
    // Mounting again reuses the shadow root and renders afresh.
    mounted(&el).await;
    assert_eq!(texts(&el, "[part~=card]").len(), 3);
    assert_eq!((ready.get(), requests_to(&url)), (2, 2));
    discard(&el);
}

#[wasm_bindgen_test]
async fn after_unmount_no_timer_fires_and_no_request_is_sent() {
    spy_on_fetch();
    let (kept_url, gone_url) = (feed_url(FEED), feed_url(FEED));
    let kept = widget(&[("data-feed", &kept_url), ("data-refresh", "1")]).await;
    let gone = widget(&[("data-feed", &gone_url), ("data-refresh", "1")]).await;
    news_ticker::unmount(&gone);
    news_ticker::refresh(None);
    // Refreshes come every 0.9 to 1.1 s: two or more for the widget that stays.
    sleep(2_500).await;
    assert!(requests_to(&kept_url) >= 3, "the kept widget refreshed: {}", requests_to(&kept_url));
    assert_eq!(requests_to(&gone_url), 1, "nothing ran for the unmounted widget");
    assert_eq!(shadow(&gone).child_nodes().length(), 0);
    discard(&kept);
    let after = requests_to(&kept_url);
    sleep(1_300).await;
    assert_eq!(requests_to(&kept_url), after, "and nothing once it is unmounted too");
    gone.remove();
}

#[wasm_bindgen_test]
async fn unmount_aborts_the_fetch_in_flight_and_settles_mount() {
    spy_on_fetch();
    let url = "https://hang.invalid/feed.json?unmount";
    let el = container(&[("data-feed", url)]);
    let mounting = JsFuture::from(news_ticker::mount(&el));
    sleep(20).await;
    assert_eq!((requests_to(url), was_aborted(url)), (1, false), "the request is waiting");
    news_ticker::unmount(&el);
    assert!(was_aborted(url), "unmounting aborted it");
    mounting.await.expect("the mount promise settles when the widget goes");
    el.remove();
}

#[wasm_bindgen_test]
async fn refresh_reloads_one_widget_or_every_widget() {
    spy_on_fetch();
    let (a_url, b_url) = (feed_url(FEED), feed_url(FEED));
    let a = widget(&[("data-feed", &a_url)]).await;
    let b = widget(&[("data-feed", &b_url)]).await;
    news_ticker::refresh(Some(a.clone()));
    sleep(50).await;
    assert_eq!((requests_to(&a_url), requests_to(&b_url)), (2, 1));
    news_ticker::refresh(None);
    sleep(50).await;
    assert_eq!((requests_to(&a_url), requests_to(&b_url)), (3, 2));
    discard(&a);
    discard(&b);
}

#[wasm_bindgen_test]
async fn a_good_load_is_kept_and_shown_when_the_feed_later_fails() {
    spy_on_fetch();
    let url = feed_url(FEED);
    let el = widget(&[("data-feed", &url)]).await;
    let stored = storage().get_item(&cache_key(&url)).unwrap().expect("an entry for the feed");
    assert!(stored.starts_with("news-ticker 1\n") && stored.ends_with(FEED), "{stored}");
    discard(&el);
    // The next page load, with the feed gone. (Not by revoking the blob:
    // URL: WebKit still answers one it fetched through a Request.)
    make_gone(&url);
    let (el, errors) = stale(&url).await;
    assert_eq!(texts(&el, "[part~=title]"), ["First", "Second", "Third"]);
    let status = texts(&el, "[part~=status]").concat();
    assert!(status.starts_with("Last updated "), "{status}");
    assert!(status.ends_with("; the feed could not be reached (network error or CORS)."), "{status}");
    assert_eq!(errors, ["the feed could not be reached (network error or CORS)"]);
    discard(&el);
}

#[wasm_bindgen_test]
async fn a_cached_entry_renders_before_the_feed_answers() {
    spy_on_fetch();
    let url = "https://hang.invalid/feed.json?cached";
    // 13 November 2025, 08:00 UTC.
    storage().set_item(&cache_key(url), &entry(url, 1_763_020_800_000, FEED)).unwrap();
    let el = container(&[("data-feed", url)]);
    let (ready, _listener) = count_ready(&el);
    mounted(&el).await;
    assert_eq!(texts(&el, "[part~=title]"), ["First", "Second", "Third"]);
    assert_eq!((ready.get(), requests_to(url), was_aborted(url)), (1, 1, false), "shown while the request waits");
    assert_eq!(texts(&el, "[part~=status]").concat(), "", "no notice while the fetch may still succeed");
    discard(&el);
    storage().remove_item(&cache_key(url)).unwrap();
}

#[wasm_bindgen_test]
async fn the_stale_notice_gives_the_time_of_the_cached_content() {
    let url = dead_url();
    storage().set_item(&cache_key(&url), &entry(&url, 1_763_020_800_000, FEED)).unwrap();
    let (el, errors) = stale(&url).await;
    let status = texts(&el, "[part~=status]").concat();
    assert!(status.starts_with("Last updated 13 Nov 2025, "), "en-GB, the reader's clock: {status}");
    assert_eq!(errors.len(), 1);
    discard(&el);
    storage().remove_item(&cache_key(&url)).unwrap();
}

#[wasm_bindgen_test]
async fn corrupt_and_foreign_entries_are_ignored() {
    let url = dead_url();
    let good = entry(&url, 1_763_020_800_000, FEED);
    let foreign = [
        r#"{"items": []}"#.to_owned(),
        "news-ticker 2\n1 2 x\n-\n{}".to_owned(),
        good[..good.len() - 3].to_owned(),
        entry("https://elsewhere.example/feed.json", 1, FEED),
        entry(&url, 1, "not a feed"),
        entry(&url, 1, r#"["a", "list"]"#),
    ];
    for value in foreign {
        storage().set_item(&cache_key(&url), &value).unwrap();
        let (el, errors) = mounted_with_errors(&url).await;
        assert!(texts(&el, "[part~=card]").is_empty(), "{value}");
        assert_eq!(
            texts(&el, "[part~=status]"),
            ["The news could not be loaded: the feed could not be reached (network error or CORS)."],
            "{value}"
        );
        assert_eq!(errors.len(), 1, "only the fetch is an error: {value}");
        discard(&el);
    }
    storage().remove_item(&cache_key(&url)).unwrap();
}

#[wasm_bindgen_test]
async fn storage_that_throws_is_not_an_error() {
    for (what, set) in
        [("every Storage method throws", break_storage as fn(bool)), ("localStorage throws", deny_storage)]
    {
        set(true);
        let url = feed_url(FEED);
        let (el, errors) = mounted_with_errors(&url).await;
        set(false);
        assert_eq!(texts(&el, "[part~=title]"), ["First", "Second", "Third"], "{what}");
        assert_eq!((errors, texts(&el, "[part~=status]").concat()), (vec![], String::new()), "{what}");
        assert_eq!(storage().get_item(&cache_key(&url)).unwrap(), None, "{what}");
        discard(&el);
    }
}

#[wasm_bindgen_test]
async fn a_feed_over_the_size_cap_is_not_kept_and_replaces_its_older_entry() {
    let item = r#"{"title": "Long", "content_text": "lorem ipsum dolor sit amet "}"#;
    let big = format!(r#"{{"items": [{}]}}"#, vec![item; 5_000].join(","));
    assert!(big.len() > 256 * 1024);
    let url = feed_url(&big);
    storage().set_item(&cache_key(&url), &entry(&url, 1, FEED)).unwrap();
    let el = container(&[("data-feed", &url)]);
    let updated = std::rc::Rc::new(std::cell::Cell::new(false));
    let seen = updated.clone();
    let _listener = listen(&el, "news-ticker:update", move |_| seen.set(true));
    mounted(&el).await;
    assert_eq!(texts(&el, "[part~=card]").len(), 3, "the cached entry first");
    until("the fetched feed replaces it", || updated.get()).await;
    assert_eq!(texts(&el, "[part~=counter]"), ["Viewing results 1 - 10 of 1000"]);
    assert_eq!(storage().get_item(&cache_key(&url)).unwrap(), None);
    discard(&el);
}

#[wasm_bindgen_test]
async fn our_entries_together_stay_under_their_share_oldest_dropped_first() {
    let filler = "x".repeat(200 * 1024);
    let older: Vec<String> = (0..3).map(|i| format!("https://old.example/{i}.json")).collect();
    for (i, url) in older.iter().enumerate() {
        storage().set_item(&cache_key(url), &entry(url, 1_000 + i as u64, &filler)).unwrap();
    }
    storage().set_item("host-page-data", &filler).unwrap();
    let url = feed_url(FEED);
    let el = widget(&[("data-feed", &url)]).await;
    let kept: Vec<bool> = older.iter().map(|u| storage().get_item(&cache_key(u)).unwrap().is_some()).collect();
    assert_eq!(kept, [false, true, true], "the oldest made room");
    assert!(storage().get_item(&cache_key(&url)).unwrap().is_some());
    assert!(storage().get_item("host-page-data").unwrap().is_some(), "the host page's data is never touched");
    discard(&el);
    for url in older.iter().chain([&url]) {
        storage().remove_item(&cache_key(url)).unwrap();
    }
    storage().remove_item("host-page-data").unwrap();
}

/// Bytes of the module's linear memory, which grows by whole 64 KiB pages
/// and never shrinks: a widget that left anything behind would make it grow.
fn wasm_memory() -> u32 {
    use wasm_bindgen::JsCast;
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    js_sys::ArrayBuffer::from(memory.buffer()).byte_length()
}

#[wasm_bindgen_test]
async fn mount_unmount_cycles_leave_the_wasm_memory_as_it_was() {
    // About 64 KB of feed: anything kept per cycle would soon need new pages.
    let item = r#"{"title": "A headline", "content_text": "Bishkek Almaty Tashkent Dushanbe Ashgabat rates today"}"#;
    let url = feed_url(&format!(r#"{{"items": [{}]}}"#, vec![item; 600].join(",")));
    let el = container(&[("data-feed", &url), ("data-refresh", "1")]);
    let cycle = |i: u32| {
        let el = el.clone();
        async move {
            mounted(&el).await;
            // Every other widget lives until its fetch has finished.
            if i % 2 == 1 {
                sleep(5).await;
            }
            news_ticker::unmount(&el);
        }
    };
    for i in 0..50 {
        cycle(i).await;
    }
    let before = wasm_memory();
    for i in 0..200 {
        cycle(i).await;
    }
    assert_eq!(wasm_memory(), before, "200 cycles grew the memory from {before} bytes");
    el.remove();
}

/// What `NewsTicker.content` resolves to for `el`.
async fn content(el: &Element) -> news_ticker_rules::api::Content {
    let value = JsFuture::from(news_ticker::content(el)).await.expect("content resolves");
    news_ticker::web::api::from_js(value).expect("content reads as its type")
}

/// Headers for `answer_early`.
fn headers(pairs: &[(&str, &str)]) -> js_sys::Object {
    let headers = js_sys::Object::new();
    for (name, value) in pairs {
        js_sys::Reflect::set(&headers, &(*name).into(), &(*value).into()).unwrap();
    }
    headers
}

/// A widget on `url` whose first load takes the early answer made by `answer`.
async fn with_early_answer(url: &str, answer: impl FnOnce() -> JsValue) -> (Element, JsValue, Vec<String>) {
    let el = container(&[("data-feed", url), ("data-refresh", "0")]);
    let seen = answer();
    let errors = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let heard = errors.clone();
    let _listener = on_error_event(&el, move |message| heard.borrow_mut().push(message));
    mounted(&el).await;
    sleep(20).await;
    let errors = errors.borrow().clone();
    (el, seen, errors)
}

#[wasm_bindgen_test]
async fn an_early_answer_streamed_in_chunks_split_inside_characters_reads_whole() {
    let feed = r#"{"items": [{"id": "1", "title": "Ташкент", "content_text": "Кыргыз"}]}"#.as_bytes();
    // Cut inside "Т" (2 bytes) and inside "ы".
    let title = feed.windows(2).position(|w| w == [0xd0, 0xa2]).unwrap() + 1;
    let text = feed.windows(2).position(|w| w == [0xd1, 0x8b]).unwrap() + 1;
    let chunks = js_sys::Array::new();
    for part in [&feed[..title], &feed[title..text], &feed[text..]] {
        chunks.push(&js_sys::Uint8Array::from(part));
    }
    let url = "https://early.invalid/feed.json?chunks";
    let (el, seen, errors) = with_early_answer(url, || answer_early(url, 200, &headers(&[]), &chunks, 0, 0)).await;
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(texts(&el, "[part~='title']"), ["Ташкент"]);
    assert_eq!(texts(&el, "[part~='excerpt']"), ["Кыргыз"]);
    assert_eq!(pulled(&seen), 3);
    discard(&el);
}

#[wasm_bindgen_test]
async fn a_declared_length_past_5_mb_is_refused_before_the_body_is_read() {
    let url = "https://early.invalid/feed.json?declared";
    let chunks = js_sys::Array::of1(&js_sys::Uint8Array::from(&b"{}"[..]));
    let big = headers(&[("content-length", " 5000001 ")]);
    let (el, seen, errors) = with_early_answer(url, || answer_early(url, 200, &big, &chunks, 0, 0)).await;
    assert_eq!(errors, ["the feed is larger than 5 MB"]);
    assert_eq!(pulled(&seen), 0, "nothing of the body was read");
    discard(&el);
}

#[wasm_bindgen_test]
async fn a_body_past_5_mb_stops_its_download_once_it_passes_the_limit() {
    let url = "https://early.invalid/feed.json?streamed";
    let none = js_sys::Array::new();
    let (el, seen, errors) =
        with_early_answer(url, || answer_early(url, 200, &headers(&[]), &none, 20, 1_000_000)).await;
    assert_eq!(errors, ["the feed is larger than 5 MB"]);
    // The sixth megabyte passes the limit; the stream may have one more ready.
    assert!((6..=7).contains(&pulled(&seen)), "pulled {} chunks", pulled(&seen));
    assert!(cancelled(&seen), "the download was cancelled");
    discard(&el);

    // Exactly the limit is read.
    let url = "https://early.invalid/feed.json?exact";
    let mut body = br#"{"items": [{"title": "t", "content_text": ""#.to_vec();
    let end = br#""}]}"#;
    body.resize(5_000_000 - end.len(), b'x');
    body.extend_from_slice(end);
    let chunks = js_sys::Array::of2(&js_sys::Uint8Array::from(&body[..1000]), &js_sys::Uint8Array::from(&body[1000..]));
    let (el, _, errors) = with_early_answer(url, || answer_early(url, 200, &headers(&[]), &chunks, 0, 0)).await;
    assert_eq!((errors, texts(&el, "[part~='title']")), (Vec::<String>::new(), vec!["t".to_owned()]));
    discard(&el);
}

#[wasm_bindgen_test]
async fn a_failed_early_answer_says_its_status() {
    let url = "https://early.invalid/feed.json?busy";
    let none = js_sys::Array::new();
    let busy = headers(&[("retry-after", "120")]);
    let (el, _, errors) = with_early_answer(url, || answer_early(url, 503, &busy, &none, 0, 0)).await;
    assert_eq!(errors, ["the feed answered HTTP 503"]);
    discard(&el);
}

#[wasm_bindgen_test]
async fn the_early_answer_is_taken_once_and_a_refresh_asks_the_network() {
    spy_on_fetch();
    let url = feed_url(FEED);
    let early = br#"{"items": [{"id": "e", "title": "Early", "content_text": "x"}]}"#;
    let chunks = js_sys::Array::of1(&js_sys::Uint8Array::from(&early[..]));
    let (el, _, errors) = with_early_answer(&url, || answer_early(&url, 200, &headers(&[]), &chunks, 0, 0)).await;
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(texts(&el, "[part~='title']"), ["Early"]);
    assert_eq!(requests_to(&url), 0, "the early answer was used");
    let titles = |shown: news_ticker_rules::api::Content| {
        shown.items.into_iter().map(|i| i.title.unwrap_or_default()).collect::<Vec<_>>()
    };
    assert_eq!(titles(content(&el).await), ["Early"]);
    news_ticker::refresh(Some(el.clone()));
    until("the refresh", || texts(&el, "[part~='title']").len() == 3).await;
    assert_eq!(requests_to(&url), 1);
    assert_eq!(titles(content(&el).await), ["First", "Second", "Third"], "content follows the refresh");
    discard(&el);
}
