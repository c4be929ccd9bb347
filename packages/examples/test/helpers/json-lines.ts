import { PassThrough } from 'node:stream';

/** A stdout for an in-process pod, and every JSON line it wrote so far. */
export function captureJsonLines(): { stdout: PassThrough; lines: Array<Record<string, unknown>> } {
  const stdout = new PassThrough();
  const lines: Array<Record<string, unknown>> = [];
  let rest = '';
  stdout.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts.filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { stdout, lines };
}
