//! Server-rendered containers (docs/src/embedding.md "Server-rendered containers"): the
//! widget's own render of a feed, written as the container's HTML by
//! `news-ticker-feed render` and by a run with `html_output`. The plans are
//! the widget's ([`crate::render`]), written by the one markup
//! writer ([`crate::markup`]) in the locale's built-in formats
//! ([`Native`]).

use crate::config::Config;
use crate::excerpt::split_marks;
use crate::feed::{parse_feed, parse_rates};
use crate::json;
use crate::markup::{escape_text, html, start_tag, style_element};
use crate::plan::Plan;
use crate::render::{self, Local, Native};
use crate::view;
use crate::CSS;

/// The stylesheet a server-rendered shadow root links to when no other is
/// given: the file beside the page, as `make build` writes it beside the script.
pub const STYLESHEET: &str = "news-ticker.css";

/// The stylesheet given as this is written into the shadow root as a
/// `<style>`: no second request before the first paint, but a
/// Content-Security-Policy's `style-src` must then list its hash
/// (`styleHash` in `manifest.json`).
pub const INLINE: &str = "inline";

/// What a server render is of: the feed's text, the rates document's text
/// when the container names one (`data-rates`), the container's attributes
/// in order, the stylesheet's URL (or [`INLINE`]), and the moment (seconds) card dates are
/// written for.
pub struct Container<'a> {
    /// The feed's text.
    pub feed: &'a str,
    /// The rates document's text, when the container names one.
    pub rates: Option<&'a str>,
    /// The container's attributes, in order.
    pub attributes: &'a [(String, String)],
    /// The stylesheet's URL, or [`INLINE`].
    pub stylesheet: &'a str,
    /// The moment card dates are written for, in seconds since 1970.
    pub now: i64,
}

/// What a container is rendered from: its settings, what they show of
/// the feed, the built-in formats of its locale, and where its links lead.
struct Prepared {
    config: Config,
    view: view::ViewModel,
    local: Native,
    feed_url: String,
    dir: &'static str,
}

/// Reads the container's attributes, feed and rates, or says what to change.
fn prepare(c: &Container) -> Result<Prepared, String> {
    for (name, _) in c.attributes {
        if !(name.starts_with("data-") || name == "dir" || name == "lang" || name == "id" || name == "class")
            || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(format!(
                "{name:?} is not a container attribute: give data-NAME=VALUE (or dir, lang, id, class)"
            ));
        }
    }
    let attribute = |name: &str| c.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let (config, warnings) = Config::from_attributes(&attribute);
    if !warnings.is_empty() {
        return Err(warnings.join("\n"));
    }
    let Some(feed_url) = config.feed.clone() else {
        return Err("the container needs data-feed=URL: where the page loads the feed from".to_owned());
    };
    let Some(local) = Native::of(&config.locale) else {
        return Err(format!(
            "data-locale={:?} has no built-in formats for a server render (it has {}); \
             use one of those, or leave this container empty and the widget renders it",
            config.locale,
            Native::KNOWN
        ));
    };
    let doc = json::parse(c.feed).map_err(|e| format!("the feed is not JSON: {e}"))?;
    let (feed, _) = parse_feed(&doc).map_err(|e| format!("the feed cannot be shown: {e}"))?;
    let rates = match (c.rates, &config.rates) {
        (Some(text), Some(_)) => {
            let doc = json::parse(text).map_err(|e| format!("the rates document is not JSON: {e}"))?;
            Some(parse_rates(&doc).map_err(|e| format!("the rates document cannot be shown: {e}"))?.0)
        }
        (None, Some(url)) => return Err(format!("data-rates={url:?} is set: give that document with --rates FILE")),
        (Some(_), None) => return Err("--rates is given but the container has no data-rates".to_owned()),
        (None, None) => None,
    };
    let view = view::build(&feed, rates.as_ref(), &config, config.page_size, &split_marks);
    let dir = render::direction(attribute("dir").as_deref());
    Ok(Prepared { config, view, local, feed_url, dir })
}

/// The widget's whole first render of the container, as one plan: the
/// frame, the rates, the cards and the (empty) status line.
fn render_plan(p: &Prepared, now: i64) -> Plan {
    let mut plan = Plan::default();
    render::frame(&mut plan, &p.config, p.dir);
    if p.config.show.ticker() {
        render::rates(&mut plan, &p.view, &p.config, &p.local, 1);
    }
    if p.config.show.headlines() {
        render::headlines(&mut plan, &p.view, &p.config, &p.local, &p.feed_url, now);
    }
    render::status(&mut plan, None);
    plan
}

/// The render plan of the container's shadow root: what [`container`]
/// writes as HTML, and what `apply` in `src/web/host/render.js` builds from it.
pub fn plan(c: &Container) -> Result<Plan, String> {
    Ok(render_plan(&prepare(c)?, c.now))
}

/// The container's HTML: `<div data-news-ticker …>` holding a declarative
/// shadow root with the widget's render and its stylesheet, then links to
/// the cards for readers without declarative shadow DOM or JavaScript.
/// An error says what to change.
pub fn container(c: &Container) -> Result<String, String> {
    let prepared = prepare(c)?;
    let shadow = html(&render_plan(&prepared, c.now)).map_err(|e| format!("the render plan has no {}", e.0))?;
    let Prepared { view, local, feed_url, .. } = prepared;

    let mut out = String::new();
    let mut attributes: Vec<(&str, &str)> = vec![("data-news-ticker", "")];
    attributes.extend(c.attributes.iter().filter(|(n, _)| n != "data-news-ticker").map(|(n, v)| (&n[..], &v[..])));
    start_tag("div", &attributes, &mut out);
    out.push_str("<template shadowrootmode=\"open\">");
    match c.stylesheet {
        INLINE => style_element(CSS, &mut out).map_err(|e| format!("the stylesheet cannot be inlined: {}", e.0))?,
        url => start_tag("link", &[("rel", "stylesheet"), ("href", url)], &mut out),
    }
    out.push_str(&shadow);
    out.push_str("</template>");
    // For readers without declarative shadow DOM or script: the headlines
    // as links (the shadow root hides them wherever it is drawn).
    let links: Vec<_> =
        view.cards.iter().filter_map(|card| Some((card.title.as_deref()?, card.link.as_deref()))).collect();
    if !links.is_empty() {
        out.push_str("<ul>");
        for (title, link) in links {
            out.push_str("<li>");
            match link.and_then(|l| local.link(l, &feed_url)) {
                Some(href) => {
                    start_tag("a", &[("href", &href)], &mut out);
                    escape_text(title, &mut out);
                    out.push_str("</a>");
                }
                None => escape_text(title, &mut out),
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>\n");
    Ok(out)
}
