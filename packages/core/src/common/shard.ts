/** The FNV-1a 32-bit offset basis. */
const FNV_OFFSET_BASIS = 0x811c9dc5;
/** The FNV-1a 32-bit prime. */
const FNV_PRIME = 0x01000193;

/**
 * The FNV-1a 32-bit hash of a string's UTF-8 bytes, as an unsigned integer (0 to 4294967295): start from
 * 2166136261, and for each byte XOR it in, then multiply by 16777619 modulo 2^32.
 *
 * @example
 * ```ts
 * fnv1a32(''); // 2166136261 (0x811c9dc5)
 * fnv1a32('a'); // 3826002220 (0xe40c292c)
 * ```
 */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The shard (0 to `shardCount - 1`) a subscription belongs to: the {@link fnv1a32} hash of the subscription id in
 * lower case (the GUID as written, with its hyphens), modulo `shardCount`. Every cluster of one subscription lands
 * in the same shard, so one subscription's AKS write pacing is never split between processes. The hash is stable:
 * any tool can compute it, e.g. in Python
 * `h = 0x811c9dc5; [h := ((h ^ b) * 0x01000193) % 2**32 for b in sub.lower().encode()]; h % n`.
 *
 * @example
 * ```ts
 * subscriptionShard('00000000-0000-0000-0000-000000000000', 3); // 0
 * ```
 */
export function subscriptionShard(subscriptionId: string, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) {
    throw new RangeError(`shardCount must be an integer of at least 1, got ${String(shardCount)}`);
  }
  return fnv1a32(subscriptionId.toLowerCase()) % shardCount;
}
