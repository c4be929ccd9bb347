// The CommonJS build by its path: the package root ships index.ts beside index.js, which tsx would load instead.
import jsonPatch, { type Operation } from 'fast-json-patch/commonjs/core.js';
import jsonMergePatch from 'json-merge-patch';
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
    try {
      return jsonPatch.applyPatch(clone(current), patch as Operation[], true, true, true).newDocument;
    } catch (error) {
      if (error instanceof jsonPatch.JsonPatchError && error.name === 'OPERATION_NOT_AN_OBJECT') {
        throw badRequest(`error decoding patch: ${firstLine(error.message)}`);
      }
      throw unprocessable(firstLine((error as Error).message));
    }
  }
  if (!isRecord(patch)) {
    throw badRequest('error decoding patch: a merge patch must be a JSON object');
  }
  return jsonMergePatch.apply(clone(current), patch);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
