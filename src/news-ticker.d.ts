/**
 * news-ticker @VERSION@: the `window.NewsTicker` API and the events a
 * widget dispatches. The script is a classic script, so this file declares
 * globals: add it to a project's `tsconfig.json` "files" (or reference it
 * with a triple-slash directive) and `NewsTicker` and the event types are
 * known everywhere.
 */

/** `detail` of `news-ticker:ready` and `news-ticker:update`: what is shown. */
interface NewsTickerCounts {
  /** Items in the feed (at most 1,000). */
  readonly items: number;
  /** Rates in the marquee (after `data-currencies`). */
  readonly rates: number;
}

/** `detail` of `news-ticker:error`. */
interface NewsTickerErrorDetail {
  /** What failed, for people: "the feed answered HTTP 500". */
  readonly message: string;
}

/**
 * One rate of `NewsTicker.content`: as the marquee shows it, every figure
 * the text shown (in the widget's locale, every digit the feed sent).
 */
interface NewsTickerRate {
  readonly base: string;
  readonly quote: string;
  readonly rate: string;
  /** The change in percent as shown, without the `%` sign. */
  readonly change_pct: string;
}

/** One card of `NewsTicker.content`. */
interface NewsTickerItem {
  /** The item's id in the feed (the RSS `guid`, the Atom `id`). */
  readonly id: string | null;
  /** The link its title carries, resolved against the feed's URL. */
  readonly url: string | null;
  readonly title: string | null;
  /** The item's date and time as its card's `<time datetime>` writes it: RFC 3339, with the time of day and offset the feed wrote. */
  readonly date: string | null;
}

/**
 * What a widget shows: the marquee's rates and the cards on screen (a
 * widget with `data-show="ticker"` has no items, one with `headlines` no
 * rates).
 */
interface NewsTickerContent {
  readonly rates: readonly NewsTickerRate[];
  readonly items: readonly NewsTickerItem[];
}

interface NewsTickerApi {
  /** The widget's version, as in its `Cargo.toml`. */
  readonly version: string;
  /**
   * Mounts a widget into `element` (once: a second call returns the same
   * first render). Resolves after the first render, of cached content, of
   * the feed, or of an error message; rejects if `element` cannot hold a
   * shadow root (an `<input>`, say). Containers with `data-news-ticker` are
   * mounted without this call.
   */
  mount(element: Element): Promise<void>;
  /** Removes the widget in `element` with its timers, listeners and requests. */
  unmount(element: Element): void;
  /**
   * The warnings a container with these `data-*` attributes would log
   * (`news-ticker: data-speed="fast" is not a positive number …`), without
   * mounting one: an empty list when every value is taken. The same judge
   * the widget uses, for a configuration form.
   */
  check(attributes: Readonly<Record<string, string>>): Promise<string[]>;
  /**
   * What the widget in `element` shows, once it has rendered for the first
   * time (at once if it has): its rates and cards, every figure as the text
   * shown, for a page that reuses them. Rejects for an element with no
   * widget (never mounted, or unmounted since).
   */
  content(element: Element): Promise<NewsTickerContent>;
  /** Loads the feed of the widget in `element` again now, or of every widget. */
  refresh(element?: Element | null): void;
}

/** The events, dispatched on the container; they bubble and are composed. */
interface NewsTickerEventMap {
  /** After the first render of content (cached or fetched). */
  "news-ticker:ready": CustomEvent<NewsTickerCounts>;
  /** After a refresh that changed what is shown. */
  "news-ticker:update": CustomEvent<NewsTickerCounts>;
  /** When a fetch or parse fails (the widget shows the last good content, or a message). */
  "news-ticker:error": CustomEvent<NewsTickerErrorDetail>;
}

interface ElementEventMap extends NewsTickerEventMap {}
interface DocumentEventMap extends NewsTickerEventMap {}
interface WindowEventMap extends NewsTickerEventMap {}

interface Window {
  readonly NewsTicker: NewsTickerApi;
}

declare var NewsTicker: NewsTickerApi;
