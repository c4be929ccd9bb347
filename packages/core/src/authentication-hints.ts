import { statSync } from 'node:fs';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { AuthenticationError, isScalerError } from './errors.js';
import { redact } from './redact.js';

/** Which credential was chosen; `chain` tries several in order. */
export type CredentialKind = 'workload-identity' | 'managed-identity' | 'environment' | 'azure-cli' | 'chain';

/** What the hints need to know about the chosen credential (never a secret). */
export interface CredentialContext {
  kind: CredentialKind;
  clientId?: string;
  tenantId?: string;
  tokenFile?: string;
  authorityHost?: string;
}

/** What is wrong with the federated token file, when something is (read before blaming Entra). */
function tokenFileProblem(path: string | undefined): string | undefined {
  if (!path) return 'AZURE_FEDERATED_TOKEN_FILE is not set';
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return `the federated token file '${path}' is not a file`;
    if (stat.size === 0) return `the federated token file '${path}' is empty`;
  } catch {
    return `the federated token file '${path}' does not exist`;
  }
  return undefined;
}

const WEBHOOK_MOUNT =
  'The Azure Workload Identity webhook mounts it (a projected service-account token, path in AZURE_FEDERATED_TOKEN_FILE) only into pods whose template carries the label azure.workload.identity/use: "true" and whose ServiceAccount is annotated azure.workload.identity/client-id with the managed identity\'s client id, and only when the pod is created: check both, then recreate the pod. An empty file means the kubelet has not written the token yet: restart the pod if it stays empty.';

const FEDERATION_CHECKS = [
  "the federated identity credential's issuer equals the cluster's OIDC issuer URL exactly, trailing slash included (az aks show --query oidcIssuerProfile.issuerUrl)",
  "its subject is exactly 'system:serviceaccount:<namespace>:<service account name>' of the pod's ServiceAccount",
  "its audience is 'api://AzureADTokenExchange'",
  'the pod template (not only the Deployment) carries the label azure.workload.identity/use: "true"',
  "the ServiceAccount is annotated azure.workload.identity/client-id with the managed identity's client id",
];

/** What Entra's answer means and what to check, for the AADSTS codes Workload Identity meets. */
function entraHint(message: string): { cause: string; checks: string[] } | undefined {
  if (/AADSTS70021/.test(message)) {
    return {
      cause: 'no federated identity credential of the identity matches the token (AADSTS70021)',
      checks: FEDERATION_CHECKS,
    };
  }
  if (/AADSTS700016/.test(message)) {
    return {
      cause: 'the client id is unknown in this tenant (AADSTS700016)',
      checks: [
        "AZURE_CLIENT_ID (the ServiceAccount's azure.workload.identity/client-id) is the managed identity's client id, in the tenant AZURE_TENANT_ID names",
      ],
    };
  }
  if (/AADSTS90002|AADSTS900023/.test(message)) {
    return {
      cause: 'the tenant id is wrong (AADSTS90002)',
      checks: ['AZURE_TENANT_ID is the tenant of the managed identity'],
    };
  }
  if (/AADSTS700024|AADSTS700027/.test(message)) {
    return {
      cause: 'the service-account token is expired or not valid yet',
      checks: ['the token file is refreshed (the kubelet rotates it)', "the node's clock is right"],
    };
  }
  if (/AADSTS90061/.test(message)) {
    return {
      cause: "Entra could not reach the cluster's OIDC issuer (AADSTS90061)",
      checks: [
        'the OIDC issuer is enabled on the cluster and its discovery document is reachable from the internet',
      ],
    };
  }
  return undefined;
}

/** Whether the error is Entra's answer (an AADSTS code, or an HTTP status from its token endpoint). */
function fromEntra(error: unknown, detail: string): boolean {
  if (/AADSTS\d+/.test(detail)) return true;
  const candidate = error as { statusCode?: unknown; errorResponse?: unknown } | undefined;
  return typeof candidate?.statusCode === 'number' || candidate?.errorResponse !== undefined;
}

function workloadIdentityMessage(context: CredentialContext, error: unknown, detail: string): string[] {
  const who = `client '${context.clientId ?? '(AZURE_CLIENT_ID unset)'}' in tenant '${context.tenantId ?? '(AZURE_TENANT_ID unset)'}'`;
  const problem = tokenFileProblem(context.tokenFile);
  if (problem) {
    return [
      `Workload Identity has no token to exchange: ${problem}.`,
      WEBHOOK_MOUNT,
      `(${who}; Entra was not called.)`,
    ];
  }
  const hint = entraHint(detail);
  const entra = fromEntra(error, detail);
  const parts = [
    hint
      ? `Entra refused the Workload Identity token exchange for ${who}: ${hint.cause}.`
      : `Workload Identity could not get a token for ${who}.`,
    `Check that ${(hint?.checks ?? FEDERATION_CHECKS).join('; ')}.`,
  ];
  if (context.authorityHost) parts.push(`Authority host: ${context.authorityHost}.`);
  if (detail) parts.push(entra ? `Entra said: ${detail}` : `The credential reported: ${detail}`);
  return parts;
}

/** Builds the operator-facing message for a failed token request. Never includes a token or assertion. */
export function explainAuthenticationFailure(context: CredentialContext, error: unknown): string {
  const detail =
    redact(error instanceof Error ? error.message : String(error))
      .split('\n')[0]
      ?.slice(0, 600) ?? '';
  if (context.kind === 'workload-identity') return workloadIdentityMessage(context, error, detail).join(' ');
  const parts: string[] = [];
  switch (context.kind) {
    case 'chain':
      parts.push(
        'No credential of the chain could get a token. In AKS, set up Workload Identity (the webhook then injects AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID and AZURE_TENANT_ID into pods labelled azure.workload.identity/use: "true"); elsewhere run \'az login\' or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.',
      );
      break;
    case 'managed-identity':
      parts.push(
        `Managed identity could not get a token${context.clientId ? ` for client '${context.clientId}'` : ''}. Check that the identity is assigned to the node pool's VM scale set (or use Workload Identity) and that AZURE_CLIENT_ID names it.`,
      );
      break;
    case 'environment':
      parts.push(
        'The service principal from AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) could not get a token. Check the tenant, the client id and that the secret or certificate is current.',
      );
      break;
    case 'azure-cli':
      parts.push("The Azure CLI could not get a token. Run 'az login' (and 'az account set') and try again.");
      break;
  }
  if (context.authorityHost) parts.push(`Authority host: ${context.authorityHost}.`);
  if (detail)
    parts.push(fromEntra(error, detail) ? `Entra said: ${detail}` : `The credential reported: ${detail}`);
  return parts.join(' ');
}

/**
 * Wraps a credential so that a failed `getToken` rejects with {@link AuthenticationError} whose message says
 * what to check. The original error is kept as `cause`.
 */
export function withAuthenticationHints(inner: TokenCredential, context: CredentialContext): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      try {
        return await inner.getToken(scopes, options);
      } catch (error) {
        if (isScalerError(error)) throw error;
        if (options?.abortSignal?.aborted) throw error;
        throw new AuthenticationError(explainAuthenticationFailure(context, error), { cause: error });
      }
    },
  };
}
