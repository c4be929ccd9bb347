// Preloaded into a pod by tests (`node --import`): records every module specifier the process resolves (a data: URL
// by its media type only) and writes them to TEST_LOADED_MODULES_FILE at exit. The pod itself is not changed.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const target = process.env.TEST_LOADED_MODULES_FILE;
if (target) {
  const seen = [];
  registerHooks({
    resolve(specifier, context, nextResolve) {
      seen.push(specifier.startsWith('data:') ? specifier.slice(0, specifier.indexOf(',')) : specifier);
      return nextResolve(specifier, context);
    },
  });
  process.on('exit', () => writeFileSync(target, JSON.stringify(seen)));
}
