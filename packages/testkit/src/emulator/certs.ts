import { randomUUID } from 'node:crypto';
import { generate } from 'selfsigned';

/** PEM material for the emulator's TLS listener. */
export interface EmulatorCertificates {
  /** The CA certificate clients must trust. */
  caCert: string;
  /** The leaf certificate for `127.0.0.1` and `localhost`, signed by the CA. */
  cert: string;
  /** The leaf's private key. */
  key: string;
}

/**
 * Generates a throw-away CA (with a unique name, so several emulators' CAs can be trusted at once) and a leaf
 * certificate for `127.0.0.1`/`localhost` signed by it.
 */
export async function generateCertificates(now: Date = new Date()): Promise<EmulatorCertificates> {
  const notBeforeDate = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfterDate = new Date(now.getTime() + 365 * 24 * 60 * 60 * 1000);
  const ca = await generate([{ name: 'commonName', value: `aks-scaler emulator CA ${randomUUID()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  // PEM files are concatenated into trust bundles (curl, Python's requests): each ends with a newline.
  return { caCert: withNewline(ca.cert), cert: withNewline(leaf.cert), key: withNewline(leaf.private) };
}

function withNewline(pem: string): string {
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}
