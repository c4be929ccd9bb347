import type { TokenCredential } from '@azure/core-auth';
import type { TokenCredentialOptions } from '@azure/identity';
import {
  type CredentialContext,
  type CredentialKind,
  withAuthenticationHints,
} from './authentication-hints.js';
import { isMicrosoftAuthorityHost } from './clouds.js';
import { CredentialBuilder, value } from './credential-builder.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { trustedCertificates } from './tls.js';

/** How {@link resolveCredential} picks a credential. */
export type CredentialMode = 'auto' | 'workload-identity' | 'managed-identity' | 'environment' | 'azure-cli';

/** Options of {@link resolveCredential}. */
export interface ResolveCredentialOptions {
  /**
   * Where the `AZURE_*` variables are read from.
   * @default process.env
   */
  env?: NodeJS.ProcessEnv | undefined;
  /**
   * `auto`: the production chain (Workload Identity first when its variables are present), or what
   * `AZURE_TOKEN_CREDENTIALS` selects; the other modes use exactly that credential.
   * @default 'auto'
   */
  mode?: CredentialMode | undefined;
  /**
   * Extra CA certificate(s) (PEM) to trust for the Entra authority, on top of Node's roots and
   * `NODE_EXTRA_CA_CERTS` (which Node already applies process-wide).
   */
  ca?: string | Buffer | undefined;
}

/** The result of {@link resolveCredential}. */
export interface ResolvedCredential {
  /** The credential; a failed `getToken` rejects with `AuthenticationError` saying what to check. */
  credential: TokenCredential;
  /** Which credential was chosen (`chain` when several are tried in order). */
  kind: CredentialKind;
  /** Which credential was chosen and why, for a start-up log line. Contains no secret. */
  description: string;
}

const TOKEN_CREDENTIAL_NAMES: Record<string, CredentialMode | 'prod' | 'dev'> = {
  prod: 'prod',
  dev: 'dev',
  environmentcredential: 'environment',
  workloadidentitycredential: 'workload-identity',
  managedidentitycredential: 'managed-identity',
  azureclicredential: 'azure-cli',
};

/**
 * Resolves the credential aks-scaler authenticates with, built on `@azure/identity`.
 *
 * - `AZURE_AUTHORITY_HOST` is honoured (the Workload Identity webhook injects it with a trailing slash); instance
 *   discovery is disabled when it is not a Microsoft host, so MSAL never calls the public internet first.
 * - `AZURE_TOKEN_CREDENTIALS` (in `auto` mode) selects `prod`, `dev` or one credential by its `@azure/identity`
 *   class name; an invalid value is a `ConfigError`.
 * - `ca` reaches the identity client in-process, added to (not replacing) Node's trusted roots.
 *
 * Throws `ConfigError` when the chosen mode lacks its variables. Nothing is requested until `getToken`.
 *
 * @example
 * ```ts
 * const { credential, description } = resolveCredential();
 * logger.info({ credential: description }, 'credential resolved');
 * const client = createNodePoolClient({ credential });
 * ```
 */
export function resolveCredential(options: ResolveCredentialOptions = {}): ResolvedCredential {
  const env = options.env ?? process.env;
  const issues: ConfigIssue[] = [];
  const authorityHost = value(env, 'AZURE_AUTHORITY_HOST');
  const authorityValid = !authorityHost || /^https:\/\/[^/]/i.test(authorityHost);
  if (!authorityValid) {
    issues.push({
      path: 'AZURE_AUTHORITY_HOST',
      message: `expected an https URL such as https://login.microsoftonline.com/, got '${authorityHost}'`,
    });
  }
  let mode: CredentialMode | 'prod' | 'dev' = options.mode ?? 'auto';
  let selectedBy = options.mode ? `mode '${options.mode}'` : '';
  const forced = value(env, 'AZURE_TOKEN_CREDENTIALS');
  if (mode === 'auto' && forced) {
    const selected = TOKEN_CREDENTIAL_NAMES[forced.toLowerCase()];
    if (!selected) {
      issues.push({
        path: 'AZURE_TOKEN_CREDENTIALS',
        message: `'${forced}' is not valid: use 'prod', 'dev', 'EnvironmentCredential', 'WorkloadIdentityCredential', 'ManagedIdentityCredential' or 'AzureCliCredential'`,
      });
    } else {
      mode = selected;
      selectedBy = `AZURE_TOKEN_CREDENTIALS=${forced}`;
    }
  }
  const common: TokenCredentialOptions & { disableInstanceDiscovery?: boolean } = {};
  if (authorityHost && authorityValid) {
    common.authorityHost = authorityHost;
    if (!isMicrosoftAuthorityHost(authorityHost)) common.disableInstanceDiscovery = true;
  }
  if (options.ca !== undefined) common.tlsOptions = { ca: trustedCertificates(options.ca, env) };

  const builder = new CredentialBuilder(env, common, issues);
  let result: {
    credential: TokenCredential;
    kind: CredentialKind;
    description: string;
    context: CredentialContext;
  };
  switch (mode) {
    case 'workload-identity':
      result = builder.single(builder.workloadIdentity(true), selectedBy);
      break;
    case 'managed-identity':
      result = builder.single(builder.managedIdentity(), selectedBy);
      break;
    case 'environment':
      result = builder.single(builder.environment(true), selectedBy);
      break;
    case 'azure-cli':
      result = builder.single(builder.azureCli(), selectedBy);
      break;
    case 'dev':
      result = builder.chain([builder.azureCli()], `${selectedBy} (developer credentials)`);
      break;
    case 'prod':
    case 'auto': {
      const workload = builder.workloadIdentity(false);
      if (workload.credential) {
        // The webhook's variables are present: Workload Identity alone, so that its failure (an unfederated
        // identity, a wrong issuer) is reported as is instead of behind managed identity and CLI attempts.
        result = builder.single(
          workload,
          `${selectedBy || 'the production chain'}, where Workload Identity comes first when its variables are present`,
        );
        break;
      }
      const members = [workload, builder.environment(false), builder.managedIdentity()];
      if (mode === 'auto' && !value(env, 'KUBERNETES_SERVICE_HOST')) members.push(builder.azureCli());
      result = builder.chain(members, selectedBy || 'the production chain');
      break;
    }
  }
  if (issues.length > 0) {
    throw new ConfigError(
      `Cannot set up the Azure credential: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  const discovery = common.disableInstanceDiscovery
    ? ` Instance discovery is disabled: ${authorityHost} is not a Microsoft Entra host.`
    : '';
  return {
    credential: withAuthenticationHints(result.credential, result.context),
    kind: result.kind,
    description: `${result.description}${authorityHost ? ` Authority host: ${authorityHost}.` : ''}${discovery}`,
  };
}
