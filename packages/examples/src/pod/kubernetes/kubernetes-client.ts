// The only module that imports @kubernetes/client-node. It is loaded with a dynamic import when the pod talks to
// Kubernetes (SCALER_KUBERNETES), and the bundle carries it compressed until then (see tsup.config.ts).
import {
  ApiException,
  type ConfigurationOptions,
  CoreV1Api,
  type CoreV1Event,
  KubeConfig,
  Observable,
  PatchStrategy,
  type RequestContext,
  setHeaderOptions,
  type V1ConfigMap,
  V1MicroTime,
} from '@kubernetes/client-node';
import type { KubernetesAccess } from '../kubernetes-access.js';
import {
  type ConfigMapObject,
  type KubernetesApi,
  type KubernetesCallOptions,
  kubernetesRequestFailure,
} from './kubernetes-api.js';

/** Options of {@link connectKubernetes}. */
export interface ConnectKubernetesOptions {
  /** How to reach the API (found by `findKubernetesAccess`). */
  access: KubernetesAccess;
  /** Gives up before connecting. */
  abortSignal?: AbortSignal | undefined;
}

/**
 * Builds the client for `access`: the kubeconfig's current context, or the pod's service account (its token file
 * is re-read as the kubelet rotates it). The namespace is the access's (`POD_NAMESPACE`, else the service account's
 * namespace file), else the context's, else `default`. Throws a `KubernetesRequestError` when the kubeconfig
 * cannot be read.
 */
export async function connectKubernetes(options: ConnectKubernetesOptions): Promise<KubernetesApi> {
  const { access } = options;
  if (options.abortSignal?.aborted) {
    throw kubernetesRequestFailure('gave up before connecting to the Kubernetes API', undefined, undefined);
  }
  const config = new KubeConfig();
  try {
    if (access.kind === 'kubeconfig') {
      const [first, ...rest] = access.files;
      config.loadFromFile(first!);
      for (const file of rest) {
        const more = new KubeConfig();
        more.loadFromFile(file);
        config.mergeConfig(more, true);
      }
    } else {
      config.loadFromClusterAndUser(
        { name: 'in-cluster', server: access.server, caFile: access.caFile, skipTLSVerify: false },
        {
          name: 'service-account',
          authProvider: { name: 'tokenFile', config: { tokenFile: access.tokenFile } },
        },
      );
    }
  } catch (error) {
    throw kubernetesRequestFailure(
      `cannot load the Kubernetes config: ${messageOf(error)}`,
      undefined,
      undefined,
    );
  }
  const server = config.getCurrentCluster()?.server;
  if (!server) {
    throw kubernetesRequestFailure(
      `the Kubernetes config has no current cluster (context ${JSON.stringify(config.getCurrentContext())})`,
      undefined,
      undefined,
    );
  }
  const contextNamespace = config.getContextObject(config.getCurrentContext())?.namespace;
  const namespace = access.namespace ?? (contextNamespace || 'default');
  const core = config.makeApiClient(CoreV1Api);
  // client-node makes a new connection pool for every request and never closes them (kubernetes-client/javascript
  // #2893): every call gets the first request's instead, one pool of kept-alive connections, closed with the API.
  const connections: { dispatcher?: Dispatcher } = {};
  const requestOptions = (signal: AbortSignal | undefined) => perRequest(connections, signal);
  const call = async <T>(
    what: string,
    run: (options: ConfigurationOptions) => Promise<T>,
    o?: KubernetesCallOptions,
  ) => {
    try {
      return await run(requestOptions(o?.abortSignal));
    } catch (error) {
      throw failureOf(what, error);
    }
  };

  return {
    namespace,
    server,
    async readConfigMap(name, o) {
      try {
        return configMapOf(
          await core.readNamespacedConfigMap({ name, namespace }, requestOptions(o?.abortSignal)),
        );
      } catch (error) {
        if (error instanceof ApiException && error.code === 404) return undefined;
        throw failureOf(`get configmap ${namespace}/${name}`, error);
      }
    },
    createConfigMap: (body, o) =>
      call(
        `create configmap ${namespace}/${body.metadata.name}`,
        async (options) => configMapOf(await core.createNamespacedConfigMap({ namespace, body }, options)),
        o,
      ),
    replaceConfigMap: (body, o) =>
      call(
        `update configmap ${namespace}/${body.metadata.name}`,
        async (options) =>
          configMapOf(
            await core.replaceNamespacedConfigMap({ name: body.metadata.name, namespace, body }, options),
          ),
        o,
      ),
    createEvent: (body, o) =>
      call(
        `create event ${namespace}/${body.metadata.name}`,
        async (options) => {
          // The serializer writes Dates; a V1MicroTime keeps the six fractional digits the API server requires.
          const event: CoreV1Event = {
            ...body,
            eventTime: new V1MicroTime(Date.parse(body.eventTime)),
            firstTimestamp: new Date(body.firstTimestamp),
            lastTimestamp: new Date(body.lastTimestamp),
          };
          await core.createNamespacedEvent({ namespace, body: event }, options);
        },
        o,
      ),
    patchEvent: (name, patch, o) =>
      call(
        `patch event ${namespace}/${name}`,
        async (options) => {
          await core.patchNamespacedEvent(
            { name, namespace, body: patch },
            setHeaderOptions('Content-Type', PatchStrategy.MergePatch, options),
          );
        },
        o,
      ),
    async close() {
      await connections.dispatcher?.close();
    },
  };
}

/** What a request's context carries to send it: its connection pool (an undici dispatcher). */
type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;

/**
 * Request options that send every request through one connection pool (the first request's), and end a request
 * when `signal` aborts.
 */
function perRequest(
  connections: { dispatcher?: Dispatcher },
  signal: AbortSignal | undefined,
): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (context) => {
          const own = context.getDispatcher();
          if (connections.dispatcher === undefined) connections.dispatcher = own;
          else if (own !== undefined) context.setDispatcher(connections.dispatcher);
          if (signal !== undefined) context.setSignal(signal);
          return new Observable(Promise.resolve(context));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

function configMapOf(map: V1ConfigMap): ConfigMapObject {
  const metadata = map.metadata ?? {};
  return {
    metadata: {
      name: metadata.name ?? '',
      ...(metadata.namespace !== undefined && { namespace: metadata.namespace }),
      ...(metadata.uid !== undefined && { uid: metadata.uid }),
      ...(metadata.resourceVersion !== undefined && { resourceVersion: metadata.resourceVersion }),
      ...(metadata.labels !== undefined && { labels: metadata.labels }),
      ...(metadata.annotations !== undefined && { annotations: metadata.annotations }),
    },
    ...(map.data !== undefined && { data: map.data }),
  };
}

/** The failure in the API's own words (its Status message and reason), never with headers or a token. */
function failureOf(what: string, error: unknown) {
  if (error instanceof ApiException) {
    const body = parseBody(error.body);
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${error.code}`;
    const reason = typeof body?.reason === 'string' ? body.reason : undefined;
    return kubernetesRequestFailure(`${what}: ${error.code} ${message}`, error.code, reason);
  }
  return kubernetesRequestFailure(`${what}: ${messageOf(error)}`, undefined, undefined);
}

function parseBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body === 'object' && body !== null) return body as Record<string, unknown>;
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'AbortError') return 'gave up waiting for the API server';
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
