/** Go's layout for MicroTime fields (Lease `acquireTime`/`renewTime`, Event `eventTime`). */
export const MICRO_TIME_LAYOUT = '2006-01-02T15:04:05.000000Z07:00';
/** Go's layout for Time fields (`creationTimestamp`, Event `firstTimestamp`/`lastTimestamp`). */
export const TIME_LAYOUT = '2006-01-02T15:04:05Z07:00';

const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/;
const OFFSET = /^(Z|[+-]\d{2}:\d{2})$/;

/** Formats epoch ms as a Kubernetes Time: RFC 3339 in UTC, whole seconds (`2026-12-01T07:30:00Z`). */
export function formatTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Formats epoch ms as a Kubernetes MicroTime: RFC 3339 in UTC with six fractional digits. */
export function formatMicroTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The outcome of parsing a time field: its normalized form, or why Go's parser refuses it. */
export type TimeParse = { ok: true; value: string; epochMs: number } | { ok: false; problem: string };

/**
 * Parses a MicroTime as the API server does (Go's `time.Parse` with {@link MICRO_TIME_LAYOUT}): exactly six
 * fractional digits and a `Z` or `±hh:mm` offset. A JavaScript `Date`'s ISO string (three digits) is refused.
 */
export function parseMicroTime(text: string): TimeParse {
  const head = DATE_TIME.exec(text)?.[1];
  if (head === undefined || Number.isNaN(Date.parse(`${head}Z`)))
    return refusal(text, MICRO_TIME_LAYOUT, '2006');
  const rest = text.slice(head.length);
  const fraction = /^\.(\d+)/.exec(rest)?.[1];
  if (fraction === undefined || fraction.length < 6) return refusal(text, MICRO_TIME_LAYOUT, '.000000', rest);
  const offset = rest.slice(7);
  if (!OFFSET.test(offset)) return refusal(text, MICRO_TIME_LAYOUT, 'Z07:00', offset);
  const micros = fraction.slice(0, 6);
  const wholeSeconds = Date.parse(`${head}${offset}`);
  return {
    ok: true,
    value: `${formatTime(wholeSeconds).slice(0, -1)}.${micros}Z`,
    epochMs: wholeSeconds + Number(micros) / 1000,
  };
}

/** Parses a Time as the API server does (RFC 3339, any fraction); the stored form has whole seconds in UTC. */
export function parseTime(text: string): TimeParse {
  const head = DATE_TIME.exec(text)?.[1];
  if (head === undefined || Number.isNaN(Date.parse(`${head}Z`))) return refusal(text, TIME_LAYOUT, '2006');
  const rest = text.slice(head.length).replace(/^\.\d+/, '');
  if (!OFFSET.test(rest)) return refusal(text, TIME_LAYOUT, 'Z07:00', rest);
  const epochMs = Date.parse(`${head}${rest}`);
  return { ok: true, value: formatTime(epochMs), epochMs };
}

function refusal(text: string, layout: string, element: string, remainder = text): TimeParse {
  return {
    ok: false,
    problem: `parsing time ${JSON.stringify(text)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(remainder)} as ${JSON.stringify(element)}`,
  };
}

/**
 * How kubectl and the API server's table printers show an age (`apimachinery`'s `HumanDuration`): `45s`,
 * `3m20s`, `25m`, `5h12m`, `30h`, `3d4h`, `200d`, `2y10d`.
 */
export function humanDuration(durationInMs: number): string {
  const seconds = Math.trunc(durationInMs / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}
