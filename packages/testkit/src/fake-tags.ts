import { applyTagChanges, type NodePool, OperationConflictError, validateTagChanges } from '@aks-scaler/core';

/** What {@link updateFakeTags} needs from the fake client. */
export interface FakeTagWrites {
  /** The pool as stored now. */
  stored(pool: NodePool): NodePool;
  /** Writes `change` to the pool (with its eTag as `If-Match`), logged with `label`. */
  write(pool: NodePool, change: Partial<NodePool>, label: string): Promise<NodePool>;
}

/**
 * The fake client's `updateTags`: validated like the real client's, the named tags set or removed and the others
 * kept, a stale `eTag` written once more on the pool as stored. The log label is `name=value` per change (`-` for
 * a removal), e.g. `aks-scaler-override=pause,aks-scaler-reason=-`.
 */
export async function updateFakeTags(
  pool: NodePool,
  changes: Readonly<Record<string, string | null>>,
  writes: FakeTagWrites,
): Promise<NodePool> {
  validateTagChanges(changes);
  const label = Object.entries(changes)
    .map(([name, value]) => `${name}=${value ?? '-'}`)
    .join(',');
  const write = (current: NodePool) => {
    const tags = applyTagChanges(writes.stored(current).tags, changes);
    return writes.write(current, { tags: Object.keys(tags).length > 0 ? tags : undefined }, label);
  };
  try {
    return await write(pool);
  } catch (error) {
    if (!(error instanceof OperationConflictError) || error.reason !== 'changed') throw error;
    return write({ ...writes.stored(pool) });
  }
}
