/**
 * The one date formatter of what people read (pages, PDF extracts, messages): « 15 décembre
 * 2026 », « 1er mars 2026 », in Europe/Paris. A calendar day ("2026-12-15") is that day; an
 * instant ("2026-12-15T23:30:00Z") is its day in Paris.
 */
// Made on first use, like `formatEur`'s: the first fr-FR formatter of a process loads the locale's
// data (about 15 ms), which a cold start of code that formats nothing should not pay.
let longDateFormat: Intl.DateTimeFormat | undefined;
let timeFormat: Intl.DateTimeFormat | undefined;
const longDate = () =>
  (longDateFormat ??= new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }));
const time = () =>
  (timeFormat ??= new Intl.DateTimeFormat('fr-FR', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }));

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

function parse(iso: string): Date | undefined {
  // Noon UTC is the same calendar day in Paris, winter or summer.
  const d = new Date(CALENDAR_DAY.test(iso) ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function formatDateFr(iso: string): string {
  const d = parse(iso);
  if (!d) return iso;
  const text = longDate().format(d);
  return /^1 /.test(text) ? text.replace(/^1 /, '1er ') : text;
}

/** « 15 décembre 2026 à 09:30 ». */
export function formatDateTimeFr(iso: string): string {
  const d = parse(iso);
  return d ? `${formatDateFr(iso)} à ${time().format(d)}` : iso;
}

/** Every ISO calendar day inside a text (a stored detail, say) as people read it. */
export const formatDatesIn = (text: string): string =>
  text.replace(/\b\d{4}-\d{2}-\d{2}\b(?!T)/g, (day) => formatDateFr(day));
