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
import type { CredentialContext, CredentialKind } from './authentication-hints.js';
import type { ConfigIssue } from './errors.js';

/** The variables the Workload Identity webhook injects. */
export const WORKLOAD_VARS = ['AZURE_FEDERATED_TOKEN_FILE', 'AZURE_CLIENT_ID', 'AZURE_TENANT_ID'] as const;

/** A trimmed, non-empty variable, or undefined. */
export function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** One credential candidate: built when its variables are present, with why it was (not) chosen. */
export interface Member {
  kind: Exclude<CredentialKind, 'chain'>;
  credential?: TokenCredential;
  why: string;
  context: CredentialContext;
}

/** Builds the `@azure/identity` credentials {@link resolveCredential} chooses from, reading an explicit env. */
export class CredentialBuilder {
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
