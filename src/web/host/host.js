/* The page-facing half of news-ticker: browser work the module asks for in
   a few coarse calls, instead of one binding per browser method. It knows
   nothing of feeds, texts or layout; every rule and every decision about
   what is shown stays in Rust (docs/src/architecture.md). The build puts
   these files (render.js, page.js, motion.js, intl.js, xml.js, then this
   one) inside the loader's closure, so they add no global; the module
   reaches their members as `ntHost`. The network is the module's own
   (gloo-net). */
// @ts-check

// eslint-disable-next-line no-unused-vars
var ntHost = { ...ntRender, ...ntPage, ...ntMotion, ...ntIntl, ...ntXml };
