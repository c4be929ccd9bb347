import type { TokenCredential } from '@azure/core-auth';
import {
  AzureCliCredential,
  ChainedTokenCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredentialOptions,
  WorkloadIdentityCredential,
} from '@azure/identity';
import {
  type CredentialContext,
  type CredentialKind,
  withAuthenticationHints,
} from './authentication-hints.js';
import { isMicrosoftAuthorityHost } from './clouds.js';
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
  env?: NodeJS.ProcessEnv;
  /**
   * `auto`: the production chain (Workload Identity first when its variables are present), or what
   * `AZURE_TOKEN_CREDENTIALS` selects; the other modes use exactly that credential.
   * @default 'auto'
   */
  mode?: CredentialMode;
  /**
   * Extra CA certificate(s) (PEM) to trust for the Entra authority, on top of Node's roots and
   * `NODE_EXTRA_CA_CERTS` (which Node already applies process-wide).
   */
  ca?: string | Buffer;
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

const WORKLOAD_VARS = ['AZURE_FEDERATED_TOKEN_FILE', 'AZURE_CLIENT_ID', 'AZURE_TENANT_ID'] as const;
const TOKEN_CREDENTIAL_NAMES: Record<string, CredentialMode | 'prod' | 'dev'> = {
  prod: 'prod',
  dev: 'dev',
  environmentcredential: 'environment',
  workloadidentitycredential: 'workload-identity',
  managedidentitycredential: 'managed-identity',
  azureclicredential: 'azure-cli',
};

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

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

  const builder = new Builder(env, common, issues);
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

interface Member {
  kind: Exclude<CredentialKind, 'chain'>;
  credential?: TokenCredential;
  why: string;
  context: CredentialContext;
}

class Builder {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly common: TokenCredentialOptions & { disableInstanceDiscovery?: boolean },
    private readonly issues: ConfigIssue[],
  ) {}

  workloadIdentity(required: boolean): Member {
    const [tokenFilePath, clientId, tenantId] = WORKLOAD_VARS.map((name) => value(this.env, name));
    const context: CredentialContext = { kind: 'workload-identity' };
    if (clientId) context.clientId = clientId;
    if (tenantId) context.tenantId = tenantId;
    if (tokenFilePath) context.tokenFile = tokenFilePath;
    if (this.common.authorityHost) context.authorityHost = this.common.authorityHost;
    const missing = WORKLOAD_VARS.filter((name) => !value(this.env, name));
    if (missing.length > 0) {
      if (required) {
        for (const name of missing) {
          this.issues.push({
            path: name,
            message:
              'not set: the Workload Identity webhook injects it only into pods whose template carries the label azure.workload.identity/use: "true" and whose ServiceAccount is annotated azure.workload.identity/client-id',
          });
        }
      }
      return {
        kind: 'workload-identity',
        why: `Workload Identity variables missing (${missing.join(', ')})`,
        context,
      };
    }
    const credential = new WorkloadIdentityCredential({
      ...this.common,
      tenantId: tenantId as string,
      clientId: clientId as string,
      tokenFilePath: tokenFilePath as string,
    });
    return {
      kind: 'workload-identity',
      credential,
      why: `Workload Identity for client ${clientId} in tenant ${tenantId} with the token file ${tokenFilePath} (AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID and AZURE_TENANT_ID are set)`,
      context,
    };
  }

  environment(required: boolean): Member {
    const tenantId = value(this.env, 'AZURE_TENANT_ID');
    const clientId = value(this.env, 'AZURE_CLIENT_ID');
    const secret = value(this.env, 'AZURE_CLIENT_SECRET');
    const certificatePath = value(this.env, 'AZURE_CLIENT_CERTIFICATE_PATH');
    const context: CredentialContext = { kind: 'environment' };
    if (tenantId && clientId && secret) {
      return {
        kind: 'environment',
        credential: new ClientSecretCredential(tenantId, clientId, secret, this.common),
        why: `a service principal (client ${clientId}) with a client secret from AZURE_CLIENT_SECRET`,
        context,
      };
    }
    if (tenantId && clientId && certificatePath) {
      return {
        kind: 'environment',
        credential: new ClientCertificateCredential(
          tenantId,
          clientId,
          {
            certificatePath,
            certificatePassword: value(this.env, 'AZURE_CLIENT_CERTIFICATE_PASSWORD') ?? '',
          },
          this.common,
        ),
        why: `a service principal (client ${clientId}) with the certificate ${certificatePath}`,
        context,
      };
    }
    if (required) {
      this.issues.push({
        path: 'AZURE_CLIENT_SECRET',
        message:
          'the environment credential needs AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)',
      });
    }
    return { kind: 'environment', why: 'no service principal variables', context };
  }

  managedIdentity(): Member {
    const clientId = value(this.env, 'AZURE_CLIENT_ID');
    const context: CredentialContext = { kind: 'managed-identity' };
    if (clientId) context.clientId = clientId;
    const credential = clientId
      ? new ManagedIdentityCredential({ ...this.common, clientId })
      : new ManagedIdentityCredential({ ...this.common });
    return {
      kind: 'managed-identity',
      credential,
      why: clientId
        ? `the managed identity with client id ${clientId} (AZURE_CLIENT_ID)`
        : "the host's system-assigned managed identity",
      context,
    };
  }

  azureCli(): Member {
    const tenantId = value(this.env, 'AZURE_TENANT_ID');
    return {
      kind: 'azure-cli',
      credential: new AzureCliCredential(tenantId ? { tenantId } : {}),
      why: "the Azure CLI's signed-in account ('az login')",
      context: { kind: 'azure-cli' },
    };
  }

  single(member: Member, selectedBy: string) {
    return {
      credential: member.credential ?? unavailable(member.why),
      kind: member.kind,
      description: `Using ${member.why}, selected by ${selectedBy}.`,
      context: member.context,
    };
  }

  chain(members: Member[], selectedBy: string) {
    const usable = members.filter((m) => m.credential);
    const skipped = members.filter((m) => !m.credential);
    const first = usable[0];
    if (!first) return this.single(members[0] as Member, selectedBy);
    const rest = usable.slice(1);
    const credential =
      rest.length === 0
        ? (first.credential as TokenCredential)
        : new ChainedTokenCredential(...usable.map((m) => m.credential as TokenCredential));
    const then =
      rest.length > 0 ? `, then ${rest.map((m) => m.kind).join(', then ')} if it is unavailable` : '';
    const without = skipped.length > 0 ? ` Skipped: ${skipped.map((m) => m.why).join('; ')}.` : '';
    return {
      credential,
      // Managed identity may turn out unavailable at run time; the other credentials are definitive once set up.
      kind: first.kind !== 'managed-identity' || rest.length === 0 ? first.kind : ('chain' as const),
      description: `Using ${first.why}${then} (${selectedBy}).${without}`,
      context:
        first.kind !== 'managed-identity' ? first.context : { ...first.context, kind: 'chain' as const },
    };
  }
}

function unavailable(why: string): TokenCredential {
  return {
    getToken: () => Promise.reject(new Error(`No credential is available: ${why}.`)),
  };
}
