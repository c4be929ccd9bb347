import type { EmulatorResponse } from './http.js';

/** An error as the ARM gateway sends it: wrapped in `{"error":{...}}`, with `x-ms-failure-cause: gateway`. */
export function gatewayError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return {
    status,
    body: { error: { code, message } },
    headers: { 'x-ms-failure-cause': 'gateway', ...headers },
  };
}

/** An error as the AKS resource provider sends it: top-level `{code, message, subcode, details}`. */
export function providerError(
  status: number,
  code: string,
  message: string,
  extra: { target?: string; subcode?: string; headers?: Record<string, string> } = {},
): EmulatorResponse {
  const body: Record<string, unknown> = { code, details: null, message, subcode: extra.subcode ?? '' };
  if (extra.target) body.target = extra.target;
  return { status, body, headers: { 'x-ms-failure-cause': 'service', ...extra.headers } };
}

/** The 404 ARM answers for a resource that does not exist. */
export function resourceNotFound(
  resourceType: string,
  name: string,
  resourceGroup: string,
): EmulatorResponse {
  return gatewayError(
    404,
    'ResourceNotFound',
    `The Resource '${resourceType}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}
