import type { FaultController } from './faults.js';
import type { RequestLogEntry } from './request-log.js';
import type { EmulatorState } from './state-types.js';

/**
 * The emulator's notion of time, in milliseconds since the Unix epoch. Inject a virtual clock to drive
 * operations, token expiry and throttling buckets from a simulation; the emulator evaluates it lazily, whenever a
 * request arrives or the state is inspected.
 *
 * @example
 * ```ts
 * let now = Date.parse('2026-01-05T08:00:00Z');
 * const emulator = await startEmulator({ clock: { now: () => now } });
 * now += 60_000; // operations that were due are finished on the next request
 * ```
 */
export interface EmulatorClock {
  /** The current instant in epoch milliseconds. */
  now(): number;
}

/** One token bucket: `capacity` tokens, refilled continuously at `refillPerSecond`. */
export interface TokenBucketSpec {
  /** The burst size. */
  capacity: number;
  /** Tokens added per second (fractions allowed, e.g. `1 / 60` for one a minute). */
  refillPerSecond: number;
}

/**
 * Throttling limits. Every field is optional; the defaults are the real ARM and AKS limits.
 */
export interface ThrottlingOptions {
  /**
   * ARM reads per subscription and principal. The global (all principals) bucket is 15 times this one.
   * @default { capacity: 250, refillPerSecond: 25 }
   */
  reads?: TokenBucketSpec | undefined;
  /**
   * ARM writes per subscription and principal. The global bucket is 15 times this one.
   * @default { capacity: 200, refillPerSecond: 10 }
   */
  writes?: TokenBucketSpec | undefined;
  /**
   * ARM deletes per subscription and principal. The global bucket is 15 times this one.
   * @default { capacity: 200, refillPerSecond: 10 }
   */
  deletes?: TokenBucketSpec | undefined;
  /**
   * The AKS resource provider's agent-pool PUT limit, per subscription.
   * @default { capacity: 20, refillPerSecond: 1 / 60 }
   */
  putAgentPool?: TokenBucketSpec | undefined;
  /**
   * The AKS resource provider's operation-status GET limit (the polls of running operations), per subscription.
   * @default { capacity: 200, refillPerSecond: 2 }
   */
  operationStatus?: TokenBucketSpec | undefined;
}

/** How long an agent-pool operation runs: fixed, or a base plus a time per node added or removed. */
export type OperationDuration = number | { baseInMs: number; perNodeInMs: number };

/** A managed identity (or app registration) that may exchange a federated token at the emulator's Entra. */
export interface EmulatorIdentity {
  /** The identity's client (application) id. */
  clientId: string;
  /** The identity's object id, placed in `oid` of its access tokens. @default derived from the client id */
  objectId?: string | undefined;
  /**
   * Federated credential subjects, `system:serviceaccount:<namespace>:<name>`.
   * @default ['system:serviceaccount:default:workload-identity-sa']
   */
  federatedSubjects?: string[] | undefined;
  /** The federated credential issuer; must equal the assertion's `iss` exactly. @default the emulator's `issuerUrl` */
  issuer?: string | undefined;
  /** The federated credential audience. @default 'api://AzureADTokenExchange' */
  audience?: string | undefined;
  /** ARM actions this identity may perform (entries may end with `*`). @default all actions */
  rbac?: string[] | undefined;
}

/** One VM size of a `VirtualMachines` pool and how many nodes of it the pool runs. */
export interface ManualScaleProfile {
  /** The VM size, e.g. `Standard_D4s_v5`. */
  size: string;
  /** Nodes of that size (0..1000). */
  count: number;
}

/** A node pool (ARM agent pool) the emulator starts with. */
export interface EmulatorPoolSpec {
  /** The pool name (`^[a-z][a-z0-9]{0,11}$`). */
  name: string;
  /** @default 'User' */
  mode?: 'System' | 'User' | undefined;
  /**
   * The node count of a `VirtualMachineScaleSets` pool. For a pool with `powerState: 'Stopped'` it is the count the
   * pool gets back when it starts (a stopped pool shows `count: 0`, as AKS does).
   * @default 1
   */
  count?: number | undefined;
  /**
   * `VirtualMachines` pools keep their size in `properties.virtualMachinesProfile.scale.manual` (see
   * `manualScale`) instead of `count`, and their `vmSize` is empty.
   * @default 'VirtualMachineScaleSets'
   */
  type?: 'VirtualMachineScaleSets' | 'VirtualMachines' | undefined;
  /**
   * The sizes of a `VirtualMachines` pool (1 to 5 distinct sizes).
   * @default [{ size: vmSize, count }] for a `VirtualMachines` pool
   */
  manualScale?: ManualScaleProfile[] | undefined;
  /** @default false */
  enableAutoScaling?: boolean | undefined;
  /** Autoscaler lower bound (only with `enableAutoScaling`). */
  minCount?: number | undefined;
  /** Autoscaler upper bound (only with `enableAutoScaling`). */
  maxCount?: number | undefined;
  /** @default 'Running' */
  powerState?: 'Running' | 'Stopped' | undefined;
  /** @default 'Succeeded' */
  provisioningState?: string | undefined;
  /** @default 'Standard_D2s_v5' */
  vmSize?: string | undefined;
  /** Kubernetes labels on the pool's nodes. */
  nodeLabels?: Record<string, string> | undefined;
  /** Kubernetes taints, e.g. `dedicated=batch:NoSchedule`. */
  nodeTaints?: string[] | undefined;
  /** Azure tags. */
  tags?: Record<string, string> | undefined;
  /** Surge and drain settings. */
  upgradeSettings?:
    | {
        /** e.g. `33%` or `1`. */
        maxSurge?: string | undefined;
        /** e.g. `0`. */
        maxUnavailable?: string | undefined;
        /** Drain timeout per node. */
        drainTimeoutInMinutes?: number | undefined;
        /** Soak time between nodes. */
        nodeSoakDurationInMinutes?: number | undefined;
      }
    | undefined;
  /** `Delete` or `Deallocate`. @default 'Delete' */
  scaleDownMode?: string | undefined;
  /** @default the cluster's Kubernetes version */
  orchestratorVersion?: string | undefined;
}

/** A managed cluster the emulator serves. */
export interface EmulatorClusterSpec {
  /** @default the emulator's `subscriptionId` */
  subscriptionId?: string | undefined;
  /** The resource group holding the cluster. */
  resourceGroup: string;
  /** The managed cluster's name. */
  name: string;
  /** @default 'westeurope' */
  location?: string | undefined;
  /** @default '1.33.2' */
  kubernetesVersion?: string | undefined;
  /**
   * The cluster's Azure tags, as the managed-cluster list and GET return them (change them with
   * `state.setClusterTags`).
   * @default {}
   */
  tags?: Record<string, string> | undefined;
  /** The cluster's agent pools. */
  pools: EmulatorPoolSpec[];
}

/** Options of {@link startEmulator}; every field is optional. */
export interface EmulatorOptions {
  /** The clusters served. @default [DEMO_CLUSTER] */
  clusters?: EmulatorClusterSpec[] | undefined;
  /** The default subscription. @default '00000000-0000-0000-0000-000000000000' */
  subscriptionId?: string | undefined;
  /** The Entra tenant id. @default '11111111-1111-4111-8111-111111111111' */
  tenantId?: string | undefined;
  /** The default identity's client id. @default '22222222-2222-4222-8222-222222222222' */
  clientId?: string | undefined;
  /** Identities allowed to exchange tokens. @default one identity: `clientId` federated with `default:workload-identity-sa` */
  identities?: EmulatorIdentity[] | undefined;
  /** How long agent-pool operations run, by the emulator clock. @default 20 */
  operationDurationInMs?: OperationDuration | undefined;
  /**
   * How long the `Stopping` and `Starting` operations of a power-state change run (per node: the nodes stopped or
   * started).
   * @default operationDurationInMs
   */
  powerOperationDurationInMs?: OperationDuration | undefined;
  /** `Retry-After` sent on operation-status responses while an operation runs. @default none */
  pollRetryAfterInSeconds?: number | undefined;
  /** Lifetime of the access tokens the emulator's Entra issues. @default 3599 */
  tokenLifetimeInSeconds?: number | undefined;
  /** `true` enforces the real ARM and AKS limits; an object overrides them. @default false */
  throttling?: boolean | ThrottlingOptions | undefined;
  /** Allowed ARM actions per client id (entries may end with `*`); clients not listed may do anything. @default all allowed */
  rbac?: Record<string, string[]> | undefined;
  /** Whether operation-status GETs need `Microsoft.ContainerService/locations/operations/read`. @default false */
  enforceRbacOnOperationStatus?: boolean | undefined;
  /** Agent pools (and managed clusters) per page of a list response before a `nextLink` is sent. @default 50 */
  listPageSize?: number | undefined;
  /** The most entries kept in {@link Emulator.requests}; the oldest are dropped beyond it. @default unlimited */
  requestLogLimit?: number | undefined;
  /** The time source. @default the real clock */
  clock?: EmulatorClock | undefined;
  /** Seed of the random fault generator. @default 1 */
  seed?: number | undefined;
  /** The TCP port. @default 0 (any free port) */
  port?: number | undefined;
  /** The address listened on. @default '127.0.0.1' */
  host?: '127.0.0.1' | undefined;
}

/** Options of {@link Emulator.issueServiceAccountToken}. */
export interface ServiceAccountTokenOptions {
  /** @default 3600 */
  expiresInSeconds?: number | undefined;
  /** @default 'api://AzureADTokenExchange' */
  audience?: string | undefined;
}

/** Options of {@link Emulator.workloadIdentityEnv}. */
export interface WorkloadIdentityEnvOptions {
  /** An existing federated token file. @default a fresh one from {@link Emulator.writeFederatedTokenFile} */
  tokenFile?: string | undefined;
  /** Which cluster the `SUBSCRIPTION`, `RESOURCE_GROUP`, `CLUSTER_NAME`, `LOCATION` variables name. @default the first */
  cluster?: string | undefined;
}

/** A running emulator: ARM, Entra and a cluster OIDC issuer on one HTTPS port. */
export interface Emulator {
  /** The ARM endpoint, `https://127.0.0.1:PORT` (no trailing slash). */
  armEndpoint: string;
  /** The Entra authority host, `https://127.0.0.1:PORT/` (with the trailing slash the webhook injects). */
  authorityHost: string;
  /** The tenant id. */
  tenantId: string;
  /** The default identity's client id. */
  clientId: string;
  /** The default subscription id. */
  subscriptionId: string;
  /** PEM of the CA that signed the TLS certificate (valid for `127.0.0.1` and `localhost`). */
  caCert: string;
  /** The cluster OIDC issuer URL; ends with `/` like AKS issuers. */
  issuerUrl: string;
  /** Signs a projected service-account token for `system:serviceaccount:<namespace>:<name>`. */
  issueServiceAccountToken(
    namespace: string,
    name: string,
    options?: ServiceAccountTokenOptions,
  ): Promise<string>;
  /** Writes a fresh token for `default:workload-identity-sa` (to `path` or a temp file) and returns the path. */
  writeFederatedTokenFile(path?: string): Promise<string>;
  /** The environment a workload-identity pod would see, for child processes (writes the CA and token files). */
  workloadIdentityEnv(options?: WorkloadIdentityEnvOptions): Promise<Record<string, string>>;
  /** Inspection and mutation of clusters, pools, operations and metrics. */
  state: EmulatorState;
  /** Every request served, in order. */
  requests: RequestLogEntry[];
  /** Scripted and random fault injection. */
  faults: FaultController;
  /** Stops serving, drops open connections and removes the temp files it wrote. */
  close(): Promise<void>;
}
