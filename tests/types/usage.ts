// Compiled with `tsc --noEmit` against www/dist/news-ticker.d.ts: what a
// publisher's TypeScript may write, and (under @ts-expect-error) what it
// may not. An over-loose declaration makes the expected errors disappear,
// which tsc reports as errors.

const el = document.getElementById("ticker")!;

async function lifecycle(): Promise<string> {
  await NewsTicker.mount(el);
  await window.NewsTicker.mount(el);
  NewsTicker.refresh(el);
  NewsTicker.refresh();
  NewsTicker.refresh(null);
  NewsTicker.unmount(el);
  const warnings: string[] = await NewsTicker.check({ "data-speed": "37.5", "data-locale": "ru-RU" });
  console.log(warnings.join("\n"));
  const shown = await NewsTicker.content(el);
  const first: string = shown.rates[0].rate + shown.rates[0].change_pct;
  const title: string | null = shown.items[0].title;
  console.log(first, title, shown.items.map((item) => item.url ?? item.id));
  return NewsTicker.version;
}

el.addEventListener("news-ticker:ready", (event) => {
  const items: number = event.detail.items;
  const rates: number = event.detail.rates;
  console.log(items + rates);
});
document.addEventListener("news-ticker:update", (event) => console.log(event.detail.items));
window.addEventListener("news-ticker:error", (event) => {
  const message: string = event.detail.message;
  console.log(message);
});

// @ts-expect-error: mount takes an element, not an id
NewsTicker.mount("ticker");
// @ts-expect-error: check takes attributes by name, not an element
NewsTicker.check(el);
async function figures(): Promise<void> {
  const shown = await NewsTicker.content(el);
  // @ts-expect-error: a rate is the text shown, not a number
  const rate: number = shown.rates[0].rate;
  // @ts-expect-error: an item may have no title
  const title: string = shown.items[0].title;
  // @ts-expect-error: what is shown is read-only
  shown.rates.push(shown.rates[0]);
  console.log(rate, title);
}
// @ts-expect-error: content takes an element
NewsTicker.content("ticker");
// @ts-expect-error: unmount returns nothing to await on
NewsTicker.unmount(el).then(() => {});
// @ts-expect-error: the version is read-only
NewsTicker.version = "2";
el.addEventListener("news-ticker:error", (event) => {
  // @ts-expect-error: an error's detail has a message, no counts
  console.log(event.detail.items);
});
el.addEventListener("news-ticker:ready", (event) => {
  // @ts-expect-error: counts are numbers
  const items: string = event.detail.items;
  console.log(items);
});

export { lifecycle, figures };
