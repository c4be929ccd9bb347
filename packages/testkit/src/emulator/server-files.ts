import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
