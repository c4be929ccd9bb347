import type { IncomingMessage } from 'node:http';
import { PATCH_TYPES, type PatchType } from './patch.js';
import { notAcceptable, tooLarge, unsupportedMediaType } from './status.js';

/** The API server's limit on request bodies (3 MiB), above the ConfigMap limit so that one is a 422. */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** What the client accepts: a Table (what `kubectl get` asks for first) or plain JSON. */
export type ResponseFormat = 'json' | 'table';

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseMediaRange(text: string): MediaRange {
  const [type = '', ...params] = text.split(';').map((part) => part.trim());
  const record: Record<string, string> = {};
  for (const param of params) {
    const [key = '', value = ''] = param.split('=').map((part) => part.trim());
    record[key.toLowerCase()] = value.replace(/^"|"$/g, '');
  }
  return { type: type.toLowerCase(), params: record };
}

/**
 * Chooses the response format from `Accept`, in the client's order: `application/json;as=Table;g=meta.k8s.io`
 * (v1 or v1beta1) for a Table when `tableAllowed`, plain `application/json` (or a wildcard) otherwise. Media types
 * the emulator cannot produce (protobuf, aggregated discovery, YAML) are skipped; when nothing is left, 406.
 */
export function negotiate(accept: string | undefined, tableAllowed: boolean): ResponseFormat {
  if (!accept?.trim()) return 'json';
  for (const range of accept.split(',').map(parseMediaRange)) {
    if (!['application/json', 'application/*', '*/*'].includes(range.type)) continue;
    const as = range.params.as;
    if (as === undefined) return 'json';
    if (
      as === 'Table' &&
      range.params.g === 'meta.k8s.io' &&
      ['v1', 'v1beta1'].includes(range.params.v ?? '')
    ) {
      if (tableAllowed) return 'table';
    }
  }
  throw notAcceptable();
}

/** The body's media type, without parameters. */
export function contentTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Checks a write's media type: JSON for create and update, one of {@link PATCH_TYPES} for patch; else 415. */
export function checkBodyType(verb: string, contentType: string): PatchType | undefined {
  if (verb === 'patch') {
    if ((PATCH_TYPES as readonly string[]).includes(contentType)) return contentType as PatchType;
    throw unsupportedMediaType(contentType, [...PATCH_TYPES]);
  }
  // Like the API server, a body without a Content-Type is read as JSON (Debian's kubectl 1.20 sends none).
  if (contentType !== 'application/json' && contentType !== '') {
    throw unsupportedMediaType(contentType, ['application/json']);
  }
  return undefined;
}

/** Reads a request body as UTF-8 text, refusing more than {@link MAX_REQUEST_BODY_BYTES} with 413. */
export async function readRequestBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_REQUEST_BODY_BYTES) throw tooLarge(MAX_REQUEST_BODY_BYTES);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
