// The strict policy of CONTRACT §8, shared by the test server (strict-csp-server.js) and the
// test (strict-csp.test.ts). No inline script or style, no eval, Trusted Types enforced with
// the policy names the widget needs: `lit-html` (Lit's templates) and `dompurify`
// (DOMPurify's parser). connect-src allows the reference backends, which listen on
// 127.0.0.1 on other ports than the page.
export const STRICT_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:*",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html dompurify',
].join('; ');
