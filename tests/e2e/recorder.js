// The first script of every test page (served from the page's own origin,
// so it runs under the strict CSP too): records the widget's events, CSP
// violations, uncaught errors and console errors and warnings in
// window.__nt, where every engine's driver can read them. WebDriver
// classic has no console stream; Playwright's is read as well in Chromium.
(() => {
  const nt = { events: [], globals: Object.getOwnPropertyNames(window), violations: [], problems: [], warnings: [] };
  window.__nt = nt;
  document.addEventListener("securitypolicyviolation", (e) => {
    nt.violations.push(`${e.effectiveDirective}: ${e.blockedURI} ${e.sample}`);
  });
  for (const type of ["news-ticker:ready", "news-ticker:update", "news-ticker:error"]) {
    document.addEventListener(type, (e) => {
      nt.events.push({
        type: e.type,
        detail: e.detail,
        target: e.target.id || null,
        composed: e.composed,
        bubbles: e.bubbles,
        at: performance.now(),
      });
    });
  }
  const text = (value) => (value && value.message) || String(value);
  window.addEventListener("error", (e) => {
    if (e instanceof ErrorEvent) nt.problems.push({ kind: "pageerror", text: e.message });
  });
  window.addEventListener("unhandledrejection", (e) => nt.problems.push({ kind: "pageerror", text: text(e.reason) }));
  const error = console.error;
  const warn = console.warn;
  console.error = function (...args) {
    nt.problems.push({ kind: "error", text: args.map(String).join(" ") });
    return error.apply(this, args);
  };
  console.warn = function (...args) {
    nt.warnings.push(args.map(String).join(" "));
    return warn.apply(this, args);
  };
})();
