import { describe, expect, it } from 'vitest';
import { AuthorizationError } from './errors.js';
import { redact, toSafeError } from './redact.js';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLXBhcnQ';

describe('redact', () => {
  it.each([
    ['Authorization: Bearer abc.def-ghi_jkl=', 'Authorization: Bearer [REDACTED]'],
    [`token ${jwt} end`, 'token [REDACTED] end'],
    [
      'client_id=x&client_assertion=abc.def.ghi&grant_type=y',
      'client_id=x&client_assertion=[REDACTED]&grant_type=y',
    ],
    [
      '{"token_type":"Bearer","access_token":"secret-value"}',
      '{"token_type":"Bearer","access_token":"[REDACTED]"}',
    ],
    ['access_token=abc&x=1', 'access_token=[REDACTED]&x=1'],
    [
      'https://m/operations/1?api-version=2016-03-30&t=638&c=MIIH&s=sig1&h=hash',
      'https://m/operations/1?api-version=2016-03-30&t=638&c=[REDACTED]&s=[REDACTED]&h=[REDACTED]',
    ],
    ['https://acct.blob/x?sv=1&sig=abc%2B', 'https://acct.blob/x?sv=[REDACTED]&sig=[REDACTED]'],
    ['nothing secret here: count=5', 'nothing secret here: count=5'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });
});

describe('toSafeError', () => {
  it('keeps codes and ARM fields and redacts the message and causes', () => {
    const cause = new Error(`request failed: Bearer ${jwt}`);
    const error = new AuthorizationError(`denied for ${jwt}`, { cause, action: 'a/write', scope: '/s' });
    expect(toSafeError(error)).toEqual({
      name: 'AuthorizationError',
      code: 'AUTHORIZATION',
      message: 'denied for [REDACTED]',
      action: 'a/write',
      scope: '/s',
      causes: [{ name: 'Error', message: 'request failed: Bearer [REDACTED]' }],
    });
  });

  it('describes SDK errors and non-errors', () => {
    const rest = Object.assign(new Error('Conflict'), {
      name: 'RestError',
      code: 'OperationNotAllowed',
      statusCode: 409,
    });
    expect(toSafeError(rest)).toMatchObject({
      code: 'OperationNotAllowed',
      armCode: 'OperationNotAllowed',
      statusCode: 409,
    });
    expect(toSafeError('boom')).toEqual({ name: 'Error', code: 'UNKNOWN', message: 'boom' });
  });
});
