// The first script of the strict-CSP test page (a classic, blocking script, so it runs
// before any module): records every Content-Security-Policy and Trusted Types violation of
// the page. Violations inside shadow roots reach the document too (the event is composed).
window.__CSP_VIOLATIONS__ = [];
document.addEventListener(
  'securitypolicyviolation',
  (e) => {
    window.__CSP_VIOLATIONS__.push({
      directive: e.effectiveDirective || e.violatedDirective,
      blockedURI: e.blockedURI,
      sample: e.sample,
      source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` : '',
      disposition: e.disposition,
    });
  },
  true,
);
