// The vanilla peer: vanilla-marquee for the rates, cards built with the
// DOM, from the same feed. window.__refresh() loads the feed again.
import Marquee from "vanilla-marquee";

const app = document.getElementById("app");
const feedUrl = app.dataset.feed;
let marquee = null;

function render(feed) {
  if (marquee) marquee.destroy();
  app.replaceChildren();
  const ticker = document.createElement("div");
  ticker.textContent = (feed._ticker?.rates ?? [])
    .slice(0, 5)
    .map((r) => `${r.base}/${r.quote} = ${r.rate} ${r.change_pct ?? 0}%`)
    .join("    ");
  app.append(ticker);
  const items = feed.items.slice(0, 10);
  const counter = document.createElement("p");
  counter.textContent = `Viewing results 1 - ${items.length} of ${feed.items.length}`;
  app.append(counter);
  for (const item of items) {
    const article = document.createElement("article");
    const h2 = document.createElement("h2");
    const a = document.createElement("a");
    a.href = item.url;
    a.textContent = item.title;
    h2.append(a);
    const p = document.createElement("p");
    p.textContent = (item.content_text ?? "").split(/\s+/).slice(0, 500).join(" ");
    article.append(h2, p);
    app.append(article);
  }
  marquee = new Marquee(ticker, { speed: 50, duplicated: true, gap: 40, pauseOnHover: true, startVisible: true });
}

function load() {
  return fetch(feedUrl, { cache: "no-cache" })
    .then((r) => r.json())
    .then(render);
}
window.__refresh = load;
load();
