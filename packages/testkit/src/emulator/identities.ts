import { createHash } from 'node:crypto';
import type { EntraIdentity } from './entra.js';
import { TOKEN_EXCHANGE_AUDIENCE } from './oidc-issuer.js';
import type { EmulatorIdentity } from './types.js';

/** The federated subject of the default identity. */
export const DEFAULT_FEDERATED_SUBJECT = 'system:serviceaccount:default:workload-identity-sa';

/** Resolves configured identities into Entra's records and RBAC grants. */
export function resolveIdentities(
  identities: EmulatorIdentity[],
  issuerUrl: string,
  rbac: Record<string, string[]>,
): { entra: EntraIdentity[]; grants: Record<string, string[]> } {
  const grants = { ...rbac };
  const entra = identities.map((identity) => {
    if (identity.rbac) grants[identity.clientId] = identity.rbac;
    return {
      clientId: identity.clientId,
      objectId: identity.objectId ?? objectIdFor(identity.clientId),
      federatedCredentials: (identity.federatedSubjects ?? [DEFAULT_FEDERATED_SUBJECT]).map((subject) => ({
        issuer: identity.issuer ?? issuerUrl,
        subject,
        audience: identity.audience ?? TOKEN_EXCHANGE_AUDIENCE,
      })),
    };
  });
  return { entra, grants };
}

/** A stable object id (UUID-shaped) derived from a client id. */
export function objectIdFor(clientId: string): string {
  const hex = createHash('sha256').update(`oid:${clientId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
