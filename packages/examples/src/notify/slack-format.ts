import { redact } from '@aks-scaler/core';
import { formatElapsed } from '@aks-scaler/core/common';
import type { Notification, OverrideTarget } from './notification.js';
import { poolChangeText } from './pool-change.js';
import type { WebhookPayload } from './webhook-payload.js';

/** How many config problems a Slack line lists before `and N more`. */
const MAX_PROBLEMS = 5;

/**
 * Escapes text for a Slack message the way Slack asks: `&` as `&amp;`, `<` as `&lt;`, `>` as `&gt;`, so a reason
 * or an error message can never turn into a link, a mention or a broken message.
 *
 * @example
 * ```ts
 * escapeSlackText('a <b> & c'); // 'a &lt;b&gt; &amp; c'
 * ```
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function targetText(target: OverrideTarget): string {
  if (typeof target === 'number') return `${target} node${target === 1 ? '' : 's'}`;
  if (typeof target === 'string') return target;
  return `autoscaler range ${target.min}-${target.max}`;
}

/** The one line a notification reads as, unescaped. */
function line(notification: Notification): string {
  switch (notification.kind) {
    case 'scaled': {
      const { entry } = notification;
      const took = entry.durationInMs === undefined ? '' : ` in ${formatElapsed(entry.durationInMs)}`;
      return `*${notification.cluster.clusterName}/${entry.pool}* ${poolChangeText(entry, { done: true })}${took} (${entry.reason})`;
    }
    case 'failed': {
      const { entry } = notification;
      const took = entry.durationInMs === undefined ? '' : ` after ${formatElapsed(entry.durationInMs)}`;
      const error = entry.error ? `: ${entry.error.code}: ${redact(entry.error.message)}` : '';
      return `*${notification.cluster.clusterName}/${entry.pool}* failed to ${poolChangeText(entry, { done: false })}${took}${error} (${entry.reason})`;
    }
    case 'override': {
      const { override } = notification;
      const subject = `*${notification.cluster.clusterName}/${override.pool}*`;
      if (override.state === 'expired') {
        return `override on ${subject} expired at ${override.until} (${override.reason}); the policy decides again`;
      }
      return `override on ${subject} active until ${override.until}: ${targetText(override.target)} (${override.reason})`;
    }
    case 'config-rejected': {
      const { problems } = notification;
      const listed = problems.slice(0, MAX_PROBLEMS).map((problem) => `${problem.path}: ${problem.message}`);
      if (problems.length > MAX_PROBLEMS) listed.push(`and ${problems.length - MAX_PROBLEMS} more`);
      const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
      return `config ${notification.config} rejected, the running config stays: ${count}: ${listed.join('; ')}`;
    }
  }
}

/**
 * A notification as one readable Slack line (`{ "text": ... }` for an incoming webhook), escaped:
 * `aks-scaler: *myManagedCluster/manualpool2* scaled up 1 → 10 nodes in 4m12s (Mon-Fri 07:30-20:30)`.
 *
 * @example
 * ```ts
 * slackText({ kind: 'config-rejected', at: new Date(), config: 'scaler.yaml', problems: [] });
 * ```
 */
export function slackText(notification: Notification): string {
  const text = line(notification).replace(/\s*\n\s*/g, ' ');
  // Escape everything but the bold markers we added around `cluster/pool` (names have no `*`, `<`, `>`, `&`).
  return `aks-scaler: ${escapeSlackText(text)}`;
}

/** The Slack incoming-webhook request of a notification: `{ "text": ... }` as JSON. */
export function slackPayload(notification: Notification): WebhookPayload {
  return {
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ text: slackText(notification) }),
  };
}
