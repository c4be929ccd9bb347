import { runStandaloneEmulator } from './standalone.js';
import { parseStandaloneArgs } from './standalone-args.js';

// `pnpm emulator [options]`: serve the demo cluster until SIGINT/SIGTERM, then exit 0 (2 for bad flags).
const args = parseStandaloneArgs(process.argv.slice(2));
if (args.kind === 'help') {
  process.stdout.write(args.text);
  process.exit(0);
}
if (args.kind === 'error') {
  process.stderr.write(`emulator: ${args.message}\n`);
  process.exit(2);
}
runStandaloneEmulator(args.options).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`emulator failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
