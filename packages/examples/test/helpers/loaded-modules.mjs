// Preloaded into a pod by tests (`node --import`): records every module specifier the process resolves and every
// piece of code it compiles with vm.compileFunction (by file name), and writes them to TEST_LOADED_MODULES_FILE at
// exit. The pod itself is not changed.
import { writeFileSync } from 'node:fs';
import { registerHooks, syncBuiltinESMExports } from 'node:module';
import vm from 'node:vm';

const target = process.env.TEST_LOADED_MODULES_FILE;
if (target) {
  const seen = [];
  registerHooks({
    resolve(specifier, context, nextResolve) {
      seen.push(specifier);
      return nextResolve(specifier, context);
    },
  });
  const compileFunction = vm.compileFunction;
  vm.compileFunction = (code, params, options) => {
    seen.push(`compiled:${options?.filename ?? '(anonymous)'}`);
    return compileFunction(code, params, options);
  };
  syncBuiltinESMExports();
  process.on('exit', () => writeFileSync(target, JSON.stringify(seen)));
}
