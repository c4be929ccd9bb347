import type { connectKubernetes } from './kubernetes-client.js';

/** What {@link loadKubernetesClient} gives. */
export interface KubernetesClientModule {
  /** Connects to the Kubernetes API. */
  connectKubernetes: typeof connectKubernetes;
}

/**
 * Loads the Kubernetes client, and `@kubernetes/client-node` with it, on first use: only when the pod talks to
 * Kubernetes. In the bundled pod this import is served by the compressed copy the bundle carries (tsup.config.ts).
 */
export function loadKubernetesClient(): Promise<KubernetesClientModule> {
  return import('./kubernetes-client.js');
}
