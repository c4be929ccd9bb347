import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { resolveNotifySinks } from './notify-sinks.js';

const SLACK = 'https://hooks.slack.com/services/T0/B0/abcdef';

describe('resolveNotifySinks', () => {
  it('reads urlFromEnv variables and keeps url entries, each named by its config path', () => {
    const sinks = resolveNotifySinks(
      [
        { urlFromEnv: 'SLACK_WEBHOOK_URL', format: 'slack', on: ['failed', 'failed', 'config-rejected'] },
        { url: 'https://events.example.com:8443/in', format: 'cloudevents', on: ['scaled'] },
      ],
      { env: { SLACK_WEBHOOK_URL: ` ${SLACK}\n` } },
    );
    expect(sinks.map((s) => [s.name, s.format, s.on, s.target.host])).toEqual([
      ['notify[0]', 'slack', ['failed', 'config-rejected'], 'hooks.slack.com'],
      ['notify[1]', 'cloudevents', ['scaled'], 'events.example.com:8443'],
    ]);
  });

  it('stops the start with a ConfigError naming every unset or unusable variable, never its value', () => {
    let error: unknown;
    try {
      resolveNotifySinks(
        [
          { urlFromEnv: 'SLACK_WEBHOOK_URL', format: 'slack', on: ['failed'] },
          { urlFromEnv: 'EMPTY_HOOK', format: 'slack', on: ['failed'] },
          { urlFromEnv: 'PLAIN_HOOK', format: 'cloudevents', on: ['failed'] },
        ],
        { env: { EMPTY_HOOK: '  ', PLAIN_HOOK: 'http://events.example.com/hidden-path' }, path: 'notify' },
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { issues, message } = error as ConfigError;
    expect(issues).toEqual([
      {
        path: 'notify[0].urlFromEnv',
        message:
          'the environment variable SLACK_WEBHOOK_URL is not set (or empty): set it from the Secret that holds the webhook URL (env[].valueFrom.secretKeyRef in the pod spec)',
      },
      {
        path: 'notify[1].urlFromEnv',
        message:
          'the environment variable EMPTY_HOOK is not set (or empty): set it from the Secret that holds the webhook URL (env[].valueFrom.secretKeyRef in the pod spec)',
      },
      {
        path: 'notify[2].urlFromEnv',
        message:
          'the environment variable PLAIN_HOOK does not hold a usable webhook URL: expected an https URL: a webhook URL carries a secret, so plain http is allowed only for a loopback host (127.0.0.1, for tests)',
      },
    ]);
    expect(message).toMatch(
      /^The notification webhooks are not usable: 3 problems:\n {2}- notify\[0\]\.urlFromEnv: /,
    );
    expect(message).not.toContain('hidden-path');
    expect(message).not.toContain('events.example.com');
  });

  it('resolves an empty list to no webhooks', () => {
    expect(resolveNotifySinks([], { env: {} })).toEqual([]);
  });
});
