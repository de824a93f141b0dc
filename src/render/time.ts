/** Formatters per locale (building one is far dearer than using it). */
const relative = new Map<string, Intl.RelativeTimeFormat>();
const absolute = new Map<string, Intl.DateTimeFormat>();
const exact = new Map<string, Intl.DateTimeFormat>();

function cached<F>(map: Map<string, F>, locale: string, make: (locale: string) => F): F {
  let f = map.get(locale);
  if (!f) {
    try {
      f = make(locale);
    } catch {
      f = make('en');
    }
    map.set(locale, f);
  }
  return f;
}

export const relativeFormat = (locale: string) => cached(relative, locale, (l) => new Intl.RelativeTimeFormat(l, {numeric: 'auto'}));

/**
 * Labels already made, for the current minute (every render asks again for every message; the
 * same object while a label holds: a message renders again when its label changes).
 */
let memo = new Map<string, {label: string; title: string}>();
let memoMinute = -1;

/**
 * When a message was written, in the widget's language: relative today ("now", "5 minutes ago",
 * "2 hours ago"), a date and time otherwise. `title` is the full date and time.
 */
export function messageTime(at: number, now: number, locale: string): {label: string; title: string} {
  const minute = Math.floor(now / 60_000);
  if (minute !== memoMinute) {
    memo = new Map();
    memoMinute = minute;
  }
  // Within a minute a label changes only while the message is under a minute old.
  const key = now - at < 60_000 ? `${at}|${locale}|new` : `${at}|${locale}`;
  let found = memo.get(key);
  if (!found) memo.set(key, (found = format(at, now, locale)));
  return found;
}

function format(at: number, now: number, locale: string): {label: string; title: string} {
  const date = new Date(at);
  const title = cached(exact, locale, (l) => new Intl.DateTimeFormat(l, {dateStyle: 'full', timeStyle: 'short'})).format(date);
  const today = new Date(now).toDateString() === date.toDateString();
  if (!today) return {label: cached(absolute, locale, (l) => new Intl.DateTimeFormat(l, {dateStyle: 'medium', timeStyle: 'short'})).format(date), title};
  const rtf = relativeFormat(locale);
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  const label = seconds < 60 ? rtf.format(0, 'second') : seconds < 3600 ? rtf.format(-Math.floor(seconds / 60), 'minute') : rtf.format(-Math.floor(seconds / 3600), 'hour');
  return {label, title};
}

/**
 * Builds the formatters of `locale` ahead of the first message: the first `Intl` formatter a page
 * builds loads the locale data (some 20 ms of main thread), which would otherwise land in the
 * frame that shows the visitor's first message.
 */
export function warmTimeFormats(locale: string): void {
  const now = Date.now();
  format(now, now, locale);
}
