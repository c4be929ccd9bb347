/**
 * The few Kubernetes API calls the pod makes, as plain data: the status ConfigMap (get, create, replace) and Events
 * (create, patch). `@kubernetes/client-node` stays behind it, in `kubernetes-client.ts`, loaded only when on.
 */

/** Options of every call. */
export interface KubernetesCallOptions {
  /** Gives up on the call. */
  abortSignal?: AbortSignal | undefined;
}

/** A ConfigMap as the pod reads and writes it. */
export interface ConfigMapObject {
  metadata: {
    name: string;
    namespace?: string | undefined;
    uid?: string | undefined;
    resourceVersion?: string | undefined;
    labels?: Record<string, string> | undefined;
    annotations?: Record<string, string> | undefined;
  };
  data?: Record<string, string> | undefined;
}

/** A core/v1 Event as the pod creates it (times as the API server's strings). */
export interface EventObject {
  metadata: { name: string; namespace: string };
  involvedObject: { apiVersion: 'v1'; kind: 'ConfigMap'; name: string; namespace: string; uid?: string };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  action: string;
  count: number;
  /** RFC 3339 in whole seconds. */
  firstTimestamp: string;
  /** RFC 3339 in whole seconds. */
  lastTimestamp: string;
  /** MicroTime: RFC 3339 with exactly six fractional digits. */
  eventTime: string;
  reportingComponent: string;
  reportingInstance: string;
  source: { component: string; host?: string };
}

/** The connection the pod's writers use. */
export interface KubernetesApi {
  /** The namespace the pod writes to. */
  readonly namespace: string;
  /** The API server's URL, for the log. */
  readonly server: string;
  /** The ConfigMap, or `undefined` when it does not exist (404). */
  readConfigMap(name: string, options?: KubernetesCallOptions): Promise<ConfigMapObject | undefined>;
  /** Creates a ConfigMap (409 AlreadyExists when someone created it first). */
  createConfigMap(body: ConfigMapObject, options?: KubernetesCallOptions): Promise<ConfigMapObject>;
  /** Replaces a ConfigMap; its `metadata.resourceVersion` must be the one read (409 Conflict otherwise). */
  replaceConfigMap(body: ConfigMapObject, options?: KubernetesCallOptions): Promise<ConfigMapObject>;
  /** Creates an Event. */
  createEvent(body: EventObject, options?: KubernetesCallOptions): Promise<void>;
  /** Merge-patches an Event (its `count` and `lastTimestamp`). */
  patchEvent(name: string, patch: Partial<EventObject>, options?: KubernetesCallOptions): Promise<void>;
  /** Closes the connections it keeps alive. */
  close(): Promise<void>;
}

/**
 * A call that failed: `status` is the HTTP status (403, 409, 500...) when the server answered, `undefined` when it
 * could not be reached (refused, reset, timed out). `reason` is the `Status` object's reason (`Forbidden`,
 * `Conflict`, `AlreadyExists`...). The message never carries a token.
 */
export interface KubernetesRequestFailure extends Error {
  readonly name: 'KubernetesRequestError';
  readonly status: number | undefined;
  readonly reason: string | undefined;
}

/** Whether `error` is a {@link KubernetesRequestFailure} (made in either bundle part, so checked by shape). */
export function isKubernetesRequestFailure(error: unknown): error is KubernetesRequestFailure {
  return error instanceof Error && error.name === 'KubernetesRequestError' && 'status' in error;
}

/** Makes a {@link KubernetesRequestFailure}. */
export function kubernetesRequestFailure(
  message: string,
  status: number | undefined,
  reason: string | undefined,
  cause?: unknown,
): KubernetesRequestFailure {
  const error = new Error(message, cause === undefined ? undefined : { cause }) as Error & {
    status: number | undefined;
    reason: string | undefined;
  };
  error.name = 'KubernetesRequestError';
  error.status = status;
  error.reason = reason;
  return error as KubernetesRequestFailure;
}
