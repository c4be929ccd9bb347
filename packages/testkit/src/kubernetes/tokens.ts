import { randomBytes } from 'node:crypto';

/**
 * One rule of a Role, as in `rbac.authorization.k8s.io/v1`: the request's API group, resource and verb must
 * each be listed (or `*`), and when `resourceNames` is given, the request must name one of them (so it never covers
 * `create` or `list`, which name no object, exactly as on a real cluster).
 */
export interface KubernetesPolicyRule {
  /** `''` for the core group (configmaps, events), `coordination.k8s.io` for leases, or `*`. */
  apiGroups: string[];
  /** Plural resource names (`configmaps`, `events`, `leases`) or `*`. */
  resources: string[];
  /** Object names the rule is limited to. @default any name */
  resourceNames?: string[] | undefined;
  /** `get`, `list`, `create`, `update`, `patch`, `delete`, or `*`. */
  verbs: string[];
}

/** A Role or ClusterRole manifest (parsed YAML or JSON); only `kind`, `metadata.namespace` and `rules` count. */
export interface KubernetesRoleManifest {
  /** `Role` (its namespace only) or `ClusterRole` (every namespace, as bound by a ClusterRoleBinding). */
  kind: 'Role' | 'ClusterRole' | string;
  /** A Role's namespace. @default 'default' */
  metadata?: { namespace?: string | undefined; [field: string]: unknown } | undefined;
  /** The rules. */
  rules?: KubernetesPolicyRule[] | undefined;
}

/** Options of {@link KubernetesEmulator.mintToken}. */
export interface KubernetesTokenOptions {
  /**
   * The user the API server sees (it appears in 403 messages and in the request log), e.g.
   * `system:serviceaccount:default:aks-scaler`.
   */
  identity: string;
  /**
   * Rules per namespace, as a Role bound in that namespace grants them; the key `*` grants them in every namespace
   * and for requests across namespaces (a ClusterRole with a ClusterRoleBinding). A namespace without rules is
   * refused with 403. @default {} (nothing allowed)
   */
  rules?: Record<string, KubernetesPolicyRule[]> | undefined;
  /** Role and ClusterRole manifests whose rules are added (a Role to its `metadata.namespace`). */
  roles?: KubernetesRoleManifest[] | undefined;
  /** The token's text. @default a fresh random token */
  token?: string | undefined;
}

/** The user and permissions behind a token. */
export interface TokenGrant {
  identity: string;
  rules: Map<string, KubernetesPolicyRule[]>;
}

/** What a request asks to do, for the authorizer. */
export interface RequestAttributes {
  verb: string;
  group: string;
  resource: string;
  /** Undefined for requests across namespaces. */
  namespace?: string | undefined;
  name?: string | undefined;
}

const listed = (values: readonly string[] | undefined, wanted: string) =>
  (values ?? []).some((value) => value === '*' || value === wanted);

/** Bearer tokens and their Role-shaped permissions. */
export class TokenRegistry {
  readonly #grants = new Map<string, TokenGrant>();

  /** Registers a token; returns its text. */
  mint(options: KubernetesTokenOptions): string {
    if (!options.identity) throw new Error('mintToken: give the identity the API server should see');
    const token = options.token ?? `k8s-emu.${randomBytes(24).toString('base64url')}`;
    const rules = new Map<string, KubernetesPolicyRule[]>();
    const add = (namespace: string, more: KubernetesPolicyRule[]) =>
      rules.set(namespace, [...(rules.get(namespace) ?? []), ...more]);
    for (const [namespace, list] of Object.entries(options.rules ?? {})) add(namespace, list);
    for (const role of options.roles ?? []) {
      if (role.kind !== 'Role' && role.kind !== 'ClusterRole') {
        throw new Error(
          `mintToken: roles[] takes Role or ClusterRole manifests, not kind ${JSON.stringify(role.kind)}`,
        );
      }
      add(role.kind === 'ClusterRole' ? '*' : (role.metadata?.namespace ?? 'default'), role.rules ?? []);
    }
    this.#grants.set(token, { identity: options.identity, rules });
    return token;
  }

  /** Forgets a token: later requests with it get 401. */
  revoke(token: string): void {
    this.#grants.delete(token);
  }

  /** The grant behind an `Authorization` header, or undefined (no bearer token, or an unknown one). */
  authenticate(authorization: string | undefined): TokenGrant | undefined {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    return token ? this.#grants.get(token) : undefined;
  }
}

/** Whether the grant allows the request, as RBAC would with Roles (per namespace) and ClusterRoles (`*`). */
export function authorize(grant: TokenGrant, request: RequestAttributes): boolean {
  const rules = [
    ...(grant.rules.get('*') ?? []),
    ...(request.namespace !== undefined ? (grant.rules.get(request.namespace) ?? []) : []),
  ];
  return rules.some(
    (rule) =>
      listed(rule.apiGroups, request.group) &&
      listed(rule.resources, request.resource) &&
      listed(rule.verbs, request.verb) &&
      (rule.resourceNames === undefined ||
        rule.resourceNames.length === 0 ||
        (request.name !== undefined && rule.resourceNames.includes(request.name))),
  );
}
