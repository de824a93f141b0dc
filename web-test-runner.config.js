// @web/test-runner: headless Chromium (Debian's, or $CHROME_PATH), TypeScript
// through esbuild, and the reference backends started on 127.0.0.1 for the
// duration of the run (ephemeral ports, handed to the test pages).
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {startBackends} from './demo/server/backends.js';
import {CHROME_FLAGS, CHROME_PATH} from './scripts/chromium.js';
import {strictCspMiddleware} from './test/csp/strict-csp-server.js';
import {bundleMiddleware} from './test/bundle/bundle-server.js';


let backends;

/** Starts the reference backends with the web server and stops them with it. */
const referenceBackends = {
  name: 'reference-backends',
  async serverStart() {
    backends = await startBackends({host: '127.0.0.1', port: 0, tokenDelayMs: 1, quiet: true});
  },
  async serverStop() {
    await backends?.close();
  },
};

/**
 * `executeServerCommand('grant-clipboard')`: lets the test page read and write the clipboard
 * (Chromium over CDP; answers false where the browser cannot grant it). The page is brought to
 * the front and keeps an emulated focus, so the clipboard stays usable when another test page
 * takes the front.
 *
 * `executeServerCommand('bring-to-front')`: makes the test page the visible tab. Test files run
 * side by side and only the visible tab renders: a test that counts frames or ResizeObserver
 * callbacks asks for it.
 */
const focusSessions = new Map();
const clipboardPermission = {
  name: 'clipboard-permission',
  async executeCommand({command, session}) {
    if (command !== 'grant-clipboard' && command !== 'bring-to-front') return undefined;
    try {
      const page = session.browser.getPage(session.id);
      if (command === 'grant-clipboard') {
        await page.browserContext().overridePermissions(new URL(page.url()).origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
        if (!focusSessions.has(session.id)) {
          const cdp = await page.createCDPSession();
          await cdp.send('Emulation.setFocusEmulationEnabled', {enabled: true});
          focusSessions.set(session.id, cdp);
        }
      }
      await page.bringToFront();
      return true;
    } catch {
      return false;
    }
  },
};

/**
 * `executeServerCommand('emulate-phone', on)`: a 390×844 touch screen (hover: none, pointer: coarse)
 * for the test page, or back to the desktop default.
 */
const phoneSessions = new Map();
const phoneEmulation = {
  name: 'phone-emulation',
  async executeCommand({command, payload, session}) {
    if (command !== 'emulate-phone') return undefined;
    try {
      // A CDP session of its own, kept open while the emulation lasts (its overrides end with it);
      // puppeteer's setViewport with hasTouch would reload the page and end its tests.
      if (payload && !phoneSessions.has(session.id)) {
        const cdp = await session.browser.getPage(session.id).createCDPSession();
        phoneSessions.set(session.id, cdp);
        await cdp.send('Emulation.setTouchEmulationEnabled', {enabled: true, maxTouchPoints: 5});
        await cdp.send('Emulation.setEmulatedMedia', {features: [{name: 'hover', value: 'none'}, {name: 'pointer', value: 'coarse'}]});
        await cdp.send('Emulation.setDeviceMetricsOverride', {width: 390, height: 844, deviceScaleFactor: 1, mobile: false});
      } else if (!payload) {
        await phoneSessions.get(session.id)?.detach();
        phoneSessions.delete(session.id);
      }
      return true;
    } catch {
      return false;
    }
  },
};

export default {
  files: ['test/**/*.test.ts'],
  // Pages of test/csp/ are served under the strict CSP with Trusted Types (see test/csp/strict-csp-server.js);
  // /__bundle__/… serves the built dist/ for the tests of the script-tag bundle (test/bundle/bundle-server.js).
  middleware: [bundleMiddleware(process.cwd()), strictCspMiddleware(() => backends.urls)],
  nodeResolve: {exportConditions: ['development']},
  concurrency: 2,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  plugins: [referenceBackends, clipboardPermission, phoneEmulation, esbuildPlugin({ts: true, tsconfig: './tsconfig.json', target: 'es2022'})],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROME_PATH,
        headless: true,
        args: CHROME_FLAGS,
      },
      // Each test file in a browser context (a window) of its own: two files run side by side
      // and both render, where two tabs of one window would leave the one behind without frames.
      createPage: async ({browser}) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  testFramework: {config: {timeout: 8000}},
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><head><meta charset="utf-8"></head><body>
<script>window.__BACKENDS__ = ${JSON.stringify(backends.urls)};</script>
<script type="module" src="${testFramework}"></script>
</body></html>`,
};
