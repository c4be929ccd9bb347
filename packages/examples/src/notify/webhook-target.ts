import { inspect } from 'node:util';

/**
 * A webhook URL kept as a secret: only its host is public. `String(target)`, `JSON.stringify(target)` and
 * `util.inspect(target)` all show the host, so a log line or an error that mentions the target cannot leak the
 * path or query (a Slack webhook's path is its credential).
 */
export interface WebhookTarget {
  /** The URL's host (with its port, when it has one): the only part that logs, errors and metrics show. */
  readonly host: string;
  /** Replaces every occurrence of the URL, its path or its query in `text` with `[REDACTED]`. */
  scrub(text: string): string;
}

const URLS = new WeakMap<WebhookTarget, string>();

/**
 * Wraps a webhook URL (already validated, e.g. by the config's schema) as a {@link WebhookTarget}.
 *
 * @example
 * ```ts
 * const target = webhookTarget('https://hooks.slack.com/services/T0/B0/secret');
 * `${target}`; // 'hooks.slack.com'
 * ```
 */
export function webhookTarget(url: string): WebhookTarget {
  const parsed = new URL(url);
  const secrets = [url, parsed.href, `${parsed.pathname}${parsed.search}`, parsed.search, parsed.pathname]
    .filter((part) => part.length > 1)
    .sort((a, b) => b.length - a.length);
  const host = parsed.host;
  const target: WebhookTarget = Object.freeze({
    host,
    scrub(text: string) {
      let out = text;
      for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
      return out;
    },
    toString: () => host,
    toJSON: () => host,
    [inspect.custom]: () => `WebhookTarget(${host})`,
  });
  URLS.set(target, parsed.href);
  return target;
}

/** The full URL of a target, for the one place that sends to it. */
export function webhookUrlOf(target: WebhookTarget): string {
  const url = URLS.get(target);
  if (url === undefined) throw new TypeError('not a webhook target made by webhookTarget()');
  return url;
}
