// The React peer: react-fast-marquee for the rates, cards below, from the
// same feed. window.__refresh() loads the feed again (for the heap runs).
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import MarqueeModule from "react-fast-marquee";

// The package is CommonJS: esbuild hands over its exports object.
const Marquee = MarqueeModule.default ?? MarqueeModule;

const feedUrl = document.getElementById("app").dataset.feed;

function rateText(r) {
  return `${r.base}/${r.quote} = ${r.rate} ${r.change_pct ?? 0}%`;
}

function App() {
  const [feed, setFeed] = useState(null);
  useEffect(() => {
    const load = () =>
      fetch(feedUrl, { cache: "no-cache" })
        .then((r) => r.json())
        .then(setFeed);
    window.__refresh = load;
    load();
  }, []);
  if (!feed) return null;
  const rates = (feed._ticker?.rates ?? []).slice(0, 5);
  const items = feed.items.slice(0, 10);
  return (
    <div>
      <Marquee speed={50} pauseOnHover>
        {rates.map((r) => (
          <span key={`${r.base}${r.quote}`} style={{ paddingRight: "2em" }}>{rateText(r)}</span>
        ))}
      </Marquee>
      <p>{`Viewing results 1 - ${items.length} of ${feed.items.length}`}</p>
      {items.map((item) => (
        <article key={item.id}>
          <h2><a href={item.url}>{item.title}</a></h2>
          <p>{(item.content_text ?? "").split(/\s+/).slice(0, 500).join(" ")}</p>
        </article>
      ))}
    </div>
  );
}

createRoot(document.getElementById("app")).render(<App />);
