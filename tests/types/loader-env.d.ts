/**
 * What `src/web/loader.js` finds around it once the build has put
 * `src/web/host/` and wasm-bindgen's generated bindings (`--target no-modules`)
 * in its closure: the bindings' `wasm_bindgen`, whose members are the
 * exports of `src/lib.rs`. `ntHost` comes from `src/web/host/`, checked with it.
 */
declare function wasm_bindgen(options: {
  module_or_path: Promise<Response> | Response | BufferSource;
}): Promise<unknown>;

declare namespace wasm_bindgen {
  /** The containers that have a widget. */
  function mounted(): Element[];
  /** The attributes whose change re-applies a configuration, space-separated. */
  function watched(): string;
  function follow_direction(element: Element): void;
  /** The warnings (`NewsTicker.check`'s, as the module writes them). */
  function check(attributes: Readonly<Record<string, string>>): string[];
  function content(element: Element): Promise<NewsTickerContent>;
  function mount(element: Element): Promise<void>;
  function unmount(element: Element): void;
  function refresh(element?: Element | null): void;
}
