import { readFileSync } from 'node:fs';
import tls from 'node:tls';

/**
 * The CA list to hand to a TLS client when the caller adds its own CA: Node's default trust (bundled roots plus
 * `NODE_EXTRA_CA_CERTS`) and `ca`. A bare `ca` option would replace Node's roots, breaking every other host.
 */
export function trustedCertificates(ca: string | Buffer, env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = typeof ca === 'string' ? ca : ca.toString('utf8');
  return [...defaultCertificates(env), extra];
}

function defaultCertificates(env: NodeJS.ProcessEnv): string[] {
  const getCACertificates = (tls as { getCACertificates?: (type?: string) => string[] }).getCACertificates;
  if (typeof getCACertificates === 'function') return getCACertificates('default');
  const roots = [...tls.rootCertificates];
  const extraFile = env.NODE_EXTRA_CA_CERTS;
  if (extraFile) {
    try {
      roots.push(readFileSync(extraFile, 'utf8'));
    } catch {
      // Node itself warns about an unreadable NODE_EXTRA_CA_CERTS at start-up.
    }
  }
  return roots;
}
