import jsonMergePatch from 'json-merge-patch';
import { applyPatch as applyJsonPatch, type Operation } from 'rfc6902';
import { clone, isRecord, type KubernetesObject } from './objects.js';
import { badRequest, unprocessable } from './status.js';

/** The patch media types the emulator applies. */
export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
] as const;

/** One of {@link PATCH_TYPES}. */
export type PatchType = (typeof PATCH_TYPES)[number];

/**
 * Applies a patch body to `current` (which is not changed):
 * - `application/merge-patch+json`: RFC 7386, `null` removes a key;
 * - `application/strategic-merge-patch+json`: for ConfigMaps, Events and Leases, whose fields have no list merge
 *   keys that matter here, the same as a merge patch (a real server would also honour `$patch` directives);
 * - `application/json-patch+json`: RFC 6902 operations; a failed `test` or a missing path is a 422, as the API
 *   server answers.
 * A body that is not JSON of the right shape is a 400 BadRequest.
 */
export function applyPatch(current: KubernetesObject, patchType: PatchType, bodyText: string): unknown {
  let patch: unknown;
  try {
    patch = JSON.parse(bodyText);
  } catch (error) {
    throw badRequest(`error decoding patch: ${(error as Error).message}`);
  }
  if (patchType === 'application/json-patch+json') {
    if (!Array.isArray(patch)) {
      throw badRequest(
        'error decoding patch: json: cannot unmarshal object into Go value of type jsonpatch.Patch',
      );
    }
    if (!patch.every((operation) => isRecord(operation) && typeof operation.op === 'string')) {
      throw badRequest('error decoding patch: every operation must be an object with an `op`');
    }
    // rfc6902 applies the operations in order to the copy and answers each with null or its error; the API server
    // refuses the whole patch (422) when one fails.
    const document = clone(current);
    const failure = applyJsonPatch(document, patch as Operation[]).find((result) => result !== null);
    if (failure) throw unprocessable(firstLine(failure.message));
    return document;
  }
  if (!isRecord(patch)) {
    throw badRequest('error decoding patch: a merge patch must be a JSON object');
  }
  return jsonMergePatch.apply(clone(current), patch);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
