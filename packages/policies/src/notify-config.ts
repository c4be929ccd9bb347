import { z } from 'zod';

/** What a notification can announce, as listed in a `notify[].on` entry. */
export const NOTIFY_EVENTS = ['scaled', 'failed', 'override', 'config-rejected'] as const;

/** One of {@link NOTIFY_EVENTS}. */
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/** The message formats a webhook can receive: CloudEvents 1.0 structured JSON, or a Slack incoming webhook. */
export const NOTIFY_FORMATS = ['cloudevents', 'slack'] as const;

/** One of {@link NOTIFY_FORMATS}. */
export type NotifyFormat = (typeof NOTIFY_FORMATS)[number];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * What is wrong with a webhook URL, or `undefined` when it is fine: it must be an absolute `https` URL (`http`
 * only for a loopback host such as `127.0.0.1`, for tests) without `user:password@`. The answer never repeats the
 * URL: a webhook URL (a Slack one carries a secret path) is a secret.
 *
 * @example
 * ```ts
 * webhookUrlProblem('https://hooks.slack.com/services/T0/B0/x'); // undefined
 * webhookUrlProblem('http://hooks.example.com/in'); // 'expected an https URL ...'
 * ```
 */
export function webhookUrlProblem(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '')
    return 'expected a webhook URL such as https://hooks.example.com/...';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL: expected an absolute https URL such as https://hooks.example.com/...';
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return 'expected an https URL: a webhook URL carries a secret, so plain http is allowed only for a loopback host (127.0.0.1, for tests)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'expected an https URL such as https://hooks.example.com/...';
  }
  if (url.username !== '' || url.password !== '') {
    return 'a webhook URL cannot carry user:password@; put the credentials in the path or query your receiver expects';
  }
  return undefined;
}

const webhookUrl = z.string().superRefine((text, ctx) => {
  const problem = webhookUrlProblem(text);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

const notifyEntry = z
  .strictObject({
    url: webhookUrl.optional().meta({
      description:
        'The webhook URL (https). It is a secret: prefer urlFromEnv with a variable set from a Kubernetes Secret.',
    }),
    urlFromEnv: z
      .string()
      .regex(ENV_NAME, 'expected the name of an environment variable, such as SLACK_WEBHOOK_URL')
      .optional()
      .meta({ description: 'The environment variable that holds the webhook URL, e.g. SLACK_WEBHOOK_URL.' }),
    format: z.enum(NOTIFY_FORMATS).meta({
      description: "'cloudevents' (CloudEvents 1.0 structured JSON) or 'slack' ({ \"text\": ... }).",
    }),
    on: z
      .array(z.enum(NOTIFY_EVENTS))
      .min(1, `list at least one of: ${NOTIFY_EVENTS.join(', ')}`)
      .meta({ description: `What to announce: ${NOTIFY_EVENTS.join(', ')}.` }),
  })
  .superRefine((entry, ctx) => {
    if ((entry.url === undefined) === (entry.urlFromEnv === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'give exactly one of `url` and `urlFromEnv` (the name of a variable that holds the URL, set from a Secret)',
      });
    }
  });

/**
 * The zod schema of the config's `notify` list: webhooks told about pool changes, failures, overrides and
 * rejected configs.
 *
 * ```yaml
 * notify:
 *   - urlFromEnv: SLACK_WEBHOOK_URL
 *     format: slack
 *     on: [failed, config-rejected]
 *   - url: https://events.example.com/aks-scaler
 *     format: cloudevents
 *     on: [scaled, failed, override, config-rejected]
 * ```
 *
 * Each entry has exactly one of `url` and `urlFromEnv`; a URL is `https` (`http` only for loopback) and a
 * non-empty `on`. Whether a `urlFromEnv` variable is set is checked when the pod starts, not here.
 */
export const notifyConfigSchema = z.array(notifyEntry).meta({
  description: 'Webhooks told about scaled pools, failed operations, overrides and rejected configs.',
});

/** A validated `notify` list. */
export type NotifyConfig = z.infer<typeof notifyConfigSchema>;

/** One validated entry of a `notify` list. */
export type NotifyEntryConfig = NotifyConfig[number];
