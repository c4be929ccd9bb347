import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmulatorCertificates, generateCertificates } from './certs.js';

/** The files an emulator writes for its clients (CA bundles, token files, kubeconfigs), in one temporary folder. */
export interface ServerFiles {
  /** A path in the folder (created on first use); with `numbered`, prefixed `<n>-` so names never collide. */
  path(name: string): Promise<string>;
  /** Stops the server (no new connections, open ones closed), then removes the folder. */
  close(server: Server): Promise<void>;
}

/** The temporary files of one emulator, in `<tmpdir>/<prefix>XXXXXX`, and how it shuts down. */
export function createServerFiles(prefix: string, options: { numbered?: boolean } = {}): ServerFiles {
  let dir: string | undefined;
  let count = 0;
  return {
    async path(name) {
      dir ??= await mkdtemp(join(tmpdir(), prefix));
      count += 1;
      return join(dir, options.numbered ? `${count}-${name}` : name);
    },
    async close(server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** An emulator's HTTPS server, listening, with the certificates it serves. */
export interface TlsServer {
  server: Server;
  certificates: EmulatorCertificates;
  port: number;
  /** `https://<host>:<port>`. */
  origin: string;
}

/** Starts an HTTPS server with a fresh self-signed certificate on `host` (and `port`, or any free one). */
export async function listenTls(host: string, port = 0): Promise<TlsServer> {
  const certificates = await generateCertificates();
  const server = createServer({ key: certificates.key, cert: certificates.cert });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return { server, certificates, port: address.port, origin: `https://${host}:${address.port}` };
}
