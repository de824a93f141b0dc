// `npm run test:firefox`: the same tests in Firefox (Debian's `firefox-esr`, or $FIREFOX_PATH),
// driven by puppeteer-core over WebDriver BiDi. Opt-in: `npm test` does not need Firefox.
//
// @web/test-runner-puppeteer would pull in the full `puppeteer` package (which downloads its
// own browsers); @web/test-runner-chrome's launcher takes a custom puppeteer instead, so
// puppeteer-core (already a dev dependency) launches the installed Firefox.
//
// Install Firefox with `apt-get install -y firefox-esr`. Pass files or a group as usual:
// `npm run test:firefox -- --group csp`, `npm run test:firefox -- "test/unit/**/*.test.ts"`.
import {chromeLauncher, puppeteerCore} from '@web/test-runner-chrome';
import {BrowsingContext} from 'puppeteer-core/internal/bidi/core/BrowsingContext.js';
import base from './web-test-runner.config.js';

// puppeteer-core's setViewport (the runner's for every page, the phone tests') also overrides the
// screen orientation, a WebDriver BiDi command that Firefox ESR 140 does not know ("unknown
// command emulation.setScreenOrientationOverride"): nothing would run. The viewport itself is set
// by another command; without the orientation, the page keeps the screen's.
const setScreenOrientation = BrowsingContext.prototype.setScreenOrientationOverride;
BrowsingContext.prototype.setScreenOrientationOverride = function (...args) {
  return setScreenOrientation.apply(this, args).catch((error) => {
    if (!String(error?.message).includes('unknown command')) throw error;
  });
};

const executablePath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

export default {
  ...base,
  // One page at a time: Firefox over BiDi is slower to start pages than Chromium over CDP.
  concurrency: 1,
  browsers: [
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        browser: 'firefox',
        protocol: 'webDriverBiDi',
        executablePath,
        headless: true,
        extraPrefsFirefox: {
          // Test pages run side by side with the runner's page: keep their timers at full speed.
          'dom.min_background_timeout_value': 0,
          'dom.timeout.enable_budget_timer_throttling': false,
          // No first-run pages, updates, telemetry or remote settings while testing.
          'browser.shell.checkDefaultBrowser': false,
          'app.update.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.enabled': false,
          // A script's click() over BiDi carries no user activation; the copy buttons' clipboard
          // writes need one. Firefox's testing pref lifts that requirement (Chromium: grant-clipboard).
          'dom.events.testing.asyncClipboard': true,
        },
      },
    }),
  ],
};
