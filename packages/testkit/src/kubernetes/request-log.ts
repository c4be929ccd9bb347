/** One request the Kubernetes emulator served (no tokens and no bodies are kept). */
export interface KubernetesRequestLogEntry {
  /** Emulator-clock epoch ms when the request arrived. */
  at: number;
  /** The HTTP method. */
  method: string;
  /** The path without the query string. */
  path: string;
  /** The API verb (`get`, `list`, `create`, `update`, `patch`, `delete`, `watch`); absent for discovery. */
  verb?: string | undefined;
  /** The resource (`configmaps`, `events`, `leases`). */
  resource?: string | undefined;
  /** The namespace in the path. */
  namespace?: string | undefined;
  /** The object's name in the path (for a create: the name it was created with). */
  name?: string | undefined;
  /** The `fieldSelector` of a list. */
  fieldSelector?: string | undefined;
  /** The `labelSelector` of a list. */
  labelSelector?: string | undefined;
  /** The request body's media type (e.g. `application/merge-patch+json`). */
  contentType?: string | undefined;
  /** The HTTP status sent; 0 when the connection was reset. */
  status: number;
  /** The `reason` of the Status sent with an error (`Conflict`, `Forbidden`, ...). */
  reason?: string | undefined;
  /** The user behind the bearer token, when it was one the emulator minted. */
  identity?: string | undefined;
  /**
   * For a Lease written (created, replaced or patched, 2xx): the `spec.holderIdentity` it holds now (`''` when
   * nobody does), so that a test can follow who led when.
   */
  holderIdentity?: string | undefined;
  /** For a Lease written (2xx): its `spec.leaseDurationSeconds` now. */
  leaseDurationSeconds?: number | undefined;
}
