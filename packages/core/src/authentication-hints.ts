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

const WORKLOAD_IDENTITY_CHECKS = [
  "the federated identity credential's issuer equals the cluster's OIDC issuer URL exactly, trailing slash included (az aks show --query oidcIssuerProfile.issuerUrl)",
  "its subject is exactly 'system:serviceaccount:<namespace>:<service account name>' of the pod's ServiceAccount",
  "its audience is 'api://AzureADTokenExchange'",
  'the pod template (not only the Deployment) carries the label azure.workload.identity/use: "true"',
  "the ServiceAccount is annotated azure.workload.identity/client-id with the managed identity's client id",
];

function aadstsHint(message: string): string | undefined {
  if (/AADSTS70021/.test(message)) {
    return 'Entra found no federated identity credential matching the token (AADSTS70021)';
  }
  if (/AADSTS700016/.test(message)) return 'the client id is unknown in this tenant (AADSTS700016)';
  if (/AADSTS90002|AADSTS900023/.test(message)) return 'the tenant id is wrong (AADSTS90002)';
  if (/AADSTS700024|AADSTS700027/.test(message)) {
    return 'the service-account token is expired or not valid yet (check the token file is refreshed)';
  }
  if (/AADSTS90061/.test(message)) return "Entra could not reach the cluster's OIDC issuer (AADSTS90061)";
  return undefined;
}

/** Builds the operator-facing message for a failed token request. Never includes a token or assertion. */
export function explainAuthenticationFailure(context: CredentialContext, error: unknown): string {
  const detail =
    redact(error instanceof Error ? error.message : String(error))
      .split('\n')[0]
      ?.slice(0, 600) ?? '';
  const parts: string[] = [];
  switch (context.kind) {
    case 'chain':
      parts.push(
        'No credential of the chain could get a token. In AKS, set up Workload Identity (the webhook then injects AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID and AZURE_TENANT_ID into pods labelled azure.workload.identity/use: "true"); elsewhere run \'az login\' or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.',
      );
      break;
    case 'workload-identity': {
      const problem = tokenFileProblem(context.tokenFile);
      const specific = aadstsHint(detail);
      parts.push(
        `Workload Identity could not get a token for client '${context.clientId ?? '(AZURE_CLIENT_ID unset)'}' in tenant '${context.tenantId ?? '(AZURE_TENANT_ID unset)'}'${specific ? `: ${specific}` : ''}.`,
      );
      if (problem) parts.push(`Problem found: ${problem}.`);
      parts.push(`Check that ${WORKLOAD_IDENTITY_CHECKS.join('; ')}.`);
      break;
    }
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
  if (detail) parts.push(`Entra said: ${detail}`);
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
