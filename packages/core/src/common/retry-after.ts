/** Reads one response header by its lower-case name; absent is `undefined` or `null`. */
export type HeaderReader = (name: string) => string | null | undefined;

const DECIMAL = /^\d+(\.\d+)?$/;
/** An HTTP date names its weekday or month (`Thu, 01 Jan 2026 00:00:10 GMT`); `Date.parse` alone takes `-5` as a year. */
const HTTP_DATE = /[A-Za-z]{3}/;

/**
 * The wait a response asks for before the next request, in milliseconds: the longest of `Retry-After` (seconds, or
 * an HTTP date measured from `nowInMs`), `retry-after-ms` and `x-ms-retry-after-ms`. `undefined` when none is
 * present and valid.
 *
 * @example
 * ```ts
 * retryAfterInMs((name) => response.headers.get(name), clock.now()); // 'Retry-After: 7' -> 7000
 * ```
 */
export function retryAfterInMs(header: HeaderReader, nowInMs: number): number | undefined {
  const waits: number[] = [];
  const seconds = header('retry-after')?.trim();
  if (seconds) {
    if (DECIMAL.test(seconds)) waits.push(Number(seconds) * 1000);
    else if (HTTP_DATE.test(seconds) && !Number.isNaN(Date.parse(seconds))) {
      waits.push(Math.max(0, Date.parse(seconds) - nowInMs));
    }
  }
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = header(name)?.trim();
    if (ms && DECIMAL.test(ms)) waits.push(Number(ms));
  }
  return waits.length > 0 ? Math.max(...waits) : undefined;
}
