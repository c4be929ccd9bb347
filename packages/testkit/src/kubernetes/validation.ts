import { isRecord, type KubernetesObject } from './objects.js';
import type { ResourceType } from './resources.js';
import type { StatusCause } from './status.js';

/** The most bytes of ConfigMap data (keys and values of `data` and `binaryData`), as the API server allows. */
export const MAX_CONFIG_MAP_BYTES = 1024 * 1024;

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const invalidValue = (field: string, value: unknown, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}: ${detail}`,
});
const required = (field: string, detail = ''): StatusCause => ({
  reason: 'FieldValueRequired',
  field,
  message: detail ? `Required value: ${detail}` : 'Required value',
});
const forbidden = (field: string, detail: string): StatusCause => ({
  reason: 'FieldValueForbidden',
  field,
  message: `Forbidden: ${detail}`,
});

function dnsSubdomainProblems(field: string, value: string): StatusCause[] {
  if (value.length > 253) return [invalidValue(field, value, 'must be no more than 253 characters')];
  if (DNS_SUBDOMAIN.test(value)) return [];
  return [
    invalidValue(
      field,
      value,
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ),
  ];
}

function labelProblems(labels: Record<string, string> | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const name = key.includes('/') ? key.slice(key.lastIndexOf('/') + 1) : key;
    if (name.length > 63 || !LABEL_NAME.test(name)) {
      causes.push(
        invalidValue(
          'metadata.labels',
          key,
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        ),
      );
    }
    if (value.length > 63 || !LABEL_VALUE.test(value)) {
      causes.push(
        invalidValue(
          'metadata.labels',
          value,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        ),
      );
    }
  }
  return causes;
}

function configMapKeyProblems(field: string, key: string): StatusCause[] {
  if (key.length > 253) return [invalidValue(field, key, 'must be no more than 253 characters')];
  if (!CONFIG_MAP_KEY.test(key)) {
    return [
      invalidValue(
        field,
        key,
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ),
    ];
  }
  if (key === '.' || key === '..') return [invalidValue(field, key, `must not be '${key}'`)];
  if (key.startsWith('..')) return [invalidValue(field, key, "must not start with '..'")];
  return [];
}

function configMapProblems(object: KubernetesObject): StatusCause[] {
  const data = (object.data ?? {}) as Record<string, string>;
  const binaryData = (object.binaryData ?? {}) as Record<string, string>;
  const causes: StatusCause[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    causes.push(...configMapKeyProblems(`data[${key}]`, key));
    size += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  for (const [key, value] of Object.entries(binaryData)) {
    causes.push(...configMapKeyProblems(`binaryData[${key}]`, key));
    if (key in data) causes.push(invalidValue(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    size += Buffer.byteLength(key) + Buffer.from(value, 'base64').length;
  }
  if (size > MAX_CONFIG_MAP_BYTES) {
    causes.push({
      reason: 'FieldValueTooLong',
      field: '[]',
      message: `Too long: must have at most ${MAX_CONFIG_MAP_BYTES} bytes`,
    });
  }
  return causes;
}

/** core/v1 Event rules (the API server's legacy validation, the only one it applies to core/v1 Events). */
function eventProblems(object: KubernetesObject): StatusCause[] {
  const namespace = object.metadata?.namespace ?? '';
  const involved = isRecord(object.involvedObject) ? object.involvedObject : {};
  const involvedNamespace = typeof involved.namespace === 'string' ? involved.namespace : '';
  const causes: StatusCause[] = [];
  const mismatch = () =>
    invalidValue('involvedObject.namespace', involvedNamespace, 'does not match event.namespace');
  if (object.eventTime === undefined || object.eventTime === null) {
    if (
      involvedNamespace === '' ? namespace !== '' && namespace !== 'default' : namespace !== involvedNamespace
    ) {
      causes.push(mismatch());
    }
    return causes;
  }
  if (involvedNamespace === '' && namespace !== 'default' && namespace !== 'kube-system')
    causes.push(mismatch());
  const text = (field: string) => (typeof object[field] === 'string' ? (object[field] as string) : '');
  if (!text('reportingComponent')) causes.push(required('reportingComponent'));
  if (!text('reportingInstance')) causes.push(required('reportingInstance'));
  if (text('reportingInstance').length > 128) {
    causes.push(invalidValue('reportingInstance', '', 'can have at most 128 characters'));
  }
  if (!text('action')) causes.push(required('action'));
  if (text('action').length > 128) causes.push(invalidValue('action', '', 'can have at most 128 characters'));
  if (!text('reason')) causes.push(required('reason'));
  if (text('reason').length > 128) causes.push(invalidValue('reason', '', 'can have at most 128 characters'));
  if (text('message').length > 1024)
    causes.push(invalidValue('message', '', 'can have at most 1024 characters'));
  return causes;
}

function leaseProblems(object: KubernetesObject): StatusCause[] {
  const spec = isRecord(object.spec) ? object.spec : {};
  const causes: StatusCause[] = [];
  if (typeof spec.leaseDurationSeconds === 'number' && spec.leaseDurationSeconds <= 0) {
    causes.push(
      invalidValue('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'),
    );
  }
  if (typeof spec.leaseTransitions === 'number' && spec.leaseTransitions < 0) {
    causes.push(
      invalidValue('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'),
    );
  }
  return causes;
}

/**
 * The field problems the API server's validation would report for `object` (a 422 Invalid when not empty). With
 * `previous`, also the update rules (an immutable ConfigMap keeps its data).
 */
export function validateObject(
  type: ResourceType,
  object: KubernetesObject,
  previous?: KubernetesObject,
): StatusCause[] {
  const name = object.metadata?.name ?? '';
  const causes: StatusCause[] = [];
  if (!name) causes.push(required('metadata.name', 'name or generateName is required'));
  else causes.push(...dnsSubdomainProblems('metadata.name', name));
  causes.push(...labelProblems(object.metadata?.labels));
  if (type.kind === 'ConfigMap') {
    causes.push(...configMapProblems(object));
    if (previous?.immutable === true) {
      const same = (field: string) =>
        JSON.stringify(object[field] ?? {}) === JSON.stringify(previous[field] ?? {});
      if (object.immutable !== true)
        causes.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
      if (!same('data')) causes.push(forbidden('data', 'field is immutable when `immutable` is set'));
      if (!same('binaryData'))
        causes.push(forbidden('binaryData', 'field is immutable when `immutable` is set'));
    }
  }
  if (type.kind === 'Event') causes.push(...eventProblems(object));
  if (type.kind === 'Lease') causes.push(...leaseProblems(object));
  return causes;
}
