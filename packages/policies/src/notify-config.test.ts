import { ConfigError } from '@aks-scaler/core/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { notifyConfigSchema, webhookUrlProblem } from './notify-config.js';
import { validateWith } from './validation.js';

// The list as it sits in the config file, so paths read as users see them.
const file = z.strictObject({ notify: notifyConfigSchema });
const SECRET_PATH = '/services/T0AAAAAAA/B0BBBBBBB/s3cr3tPathPart';

function problems(notify: unknown): Array<[string, string]> {
  try {
    validateWith(file, { notify }, { title: 'scaler.yaml is invalid' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => [issue.path, issue.message]);
  }
  throw new Error('expected a ConfigError');
}

describe('notifyConfigSchema', () => {
  it('accepts a Slack webhook from a variable and a CloudEvents receiver by URL', () => {
    const notify = [
      { urlFromEnv: 'SLACK_WEBHOOK_URL', format: 'slack', on: ['failed', 'config-rejected'] },
      {
        url: 'https://events.example.com/aks-scaler',
        format: 'cloudevents',
        on: ['scaled', 'failed', 'override', 'config-rejected'],
      },
      { url: 'http://127.0.0.1:8080/hook', format: 'cloudevents', on: ['scaled'] },
      { url: 'http://[::1]:8080/hook', format: 'slack', on: ['scaled'] },
    ];
    expect(notifyConfigSchema.parse(notify)).toEqual(notify);
  });

  it('lists every problem with its path', () => {
    expect(
      problems([
        { format: 'slack', on: ['failed'] },
        {
          url: 'https://hooks.example.com/a',
          urlFromEnv: 'HOOK',
          format: 'slack',
          on: ['failed'],
        },
        { urlFromEnv: 'HOOK', format: 'teams', on: [] },
        { urlFromEnv: 'not a name', format: 'slack', on: ['scaled', 'scaledup'] },
        { url: 'https://hooks.example.com/a', format: 'slack', on: ['failed'], headers: {} },
      ]),
    ).toEqual([
      [
        'notify[0]',
        'give exactly one of `url` and `urlFromEnv` (the name of a variable that holds the URL, set from a Secret) (found an object)',
      ],
      [
        'notify[1]',
        'give exactly one of `url` and `urlFromEnv` (the name of a variable that holds the URL, set from a Secret) (found an object)',
      ],
      ['notify[2].format', 'Invalid option: expected one of "cloudevents"|"slack" (found "teams")'],
      [
        'notify[2].on',
        'list at least one of: scaled, failed, override, config-rejected (found an empty list)',
      ],
      [
        'notify[3].urlFromEnv',
        'expected the name of an environment variable, such as SLACK_WEBHOOK_URL (found "not a name")',
      ],
      [
        'notify[3].on[1]',
        'Invalid option: expected one of "scaled"|"failed"|"override"|"config-rejected" (found "scaledup")',
      ],
      ['notify[4]', "unknown key 'headers': check the spelling (unknown keys are not ignored)"],
    ]);
  });

  it('wants https (http only for loopback) and no credentials in the URL, and never shows the URL', () => {
    const urls = [
      `http://hooks.slack.com${SECRET_PATH}`,
      `ftp://hooks.slack.com${SECRET_PATH}`,
      `hooks.slack.com${SECRET_PATH}`,
      `https://user:pw@hooks.slack.com${SECRET_PATH}?token=q`,
    ];
    let thrown: unknown;
    try {
      validateWith(
        file,
        { notify: urls.map((url) => ({ url, format: 'slack', on: ['failed'] })) },
        { title: 'scaler.yaml is invalid' },
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const error = thrown as ConfigError;
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'notify[0].url',
      'notify[1].url',
      'notify[2].url',
      'notify[3].url',
    ]);
    expect(error.issues.map((issue) => issue.message)).toEqual([
      'expected an https URL: a webhook URL carries a secret, so plain http is allowed only for a loopback host (127.0.0.1, for tests)',
      'expected an https URL such as https://hooks.example.com/...',
      'not a URL: expected an absolute https URL such as https://hooks.example.com/...',
      'a webhook URL cannot carry user:password@; put the credentials in the path or query your receiver expects',
    ]);
    const everything = JSON.stringify({ message: error.message, issues: error.issues });
    expect(everything).not.toContain('s3cr3tPathPart');
    expect(everything).not.toContain('T0AAAAAAA');
    expect(everything).not.toContain('token=q');
  });

  it('webhookUrlProblem accepts https and loopback http only', () => {
    expect(webhookUrlProblem(`https://hooks.slack.com${SECRET_PATH}`)).toBeUndefined();
    expect(webhookUrlProblem('http://localhost:9000/x')).toBeUndefined();
    expect(webhookUrlProblem('http://127.1.2.3/x')).toBeUndefined();
    expect(webhookUrlProblem('http://10.0.0.1/x')).toMatch(/^expected an https URL/);
    expect(webhookUrlProblem('http://127.0.0.1.example.com/x')).toMatch(/^expected an https URL/);
    expect(webhookUrlProblem('')).toBe('expected a webhook URL such as https://hooks.example.com/...');
    expect(webhookUrlProblem(42)).toBe('expected a webhook URL such as https://hooks.example.com/...');
  });
});
