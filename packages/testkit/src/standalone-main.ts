import { runStandaloneEmulator } from './standalone.js';

// `pnpm emulator`: serve the demo cluster until SIGINT/SIGTERM, then exit 0.
runStandaloneEmulator().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`emulator failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
