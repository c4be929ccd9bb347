// An esbuild plugin for the pod and CLI bundles. The Kubernetes client (src/pod/kubernetes/kubernetes-client.ts with
// @kubernetes/client-node, about 6 MB of JavaScript) is bundled on its own as CommonJS, minified and
// brotli-compressed, and the bundle carries that as a string (about 0.4 MB) that is expanded and compiled only when
// the pod talks to Kubernetes (src/pod/kubernetes/packed-module.ts). Bundled as plain code it would be parsed at
// every start: the pod's memory and start-up time would grow even with SCALER_KUBERNETES=off. The bundle stays one
// self-contained file.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Options } from 'tsup';

/** An esbuild plugin, as tsup takes them. */
type Plugin = NonNullable<Options['esbuildPlugins']>[number];

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const kubernetesDir = join(packageDir, 'src', 'pod', 'kubernetes');
const clientEntry = join(kubernetesDir, 'kubernetes-client.ts');
const packedModule = join(kubernetesDir, 'packed-module.ts');
const loader = join(kubernetesDir, 'load-kubernetes-client.ts');
const NAMESPACE = 'packed-kubernetes-client';

/** Serves `./kubernetes-client.js`, as `load-kubernetes-client.ts` imports it, from a compressed inner bundle. */
export function embedKubernetesClient(): Plugin {
  return {
    name: 'embed-kubernetes-client',
    setup(build) {
      build.onResolve({ filter: /^\.\/kubernetes-client\.js$/ }, (args) =>
        args.importer === loader ? { path: clientEntry, namespace: NAMESPACE } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async () => {
        const inner = await build.esbuild.build({
          entryPoints: [clientEntry],
          bundle: true,
          write: false,
          minify: true,
          // CommonJS, compiled as a function when loaded (see packed-module.ts); only Node's built-ins stay outside.
          format: 'cjs',
          platform: 'node',
          target: 'node22',
          conditions: ['source'],
          legalComments: 'eof',
          logLevel: 'silent',
        });
        const code = inner.outputFiles[0]!.contents;
        const packed = brotliCompressSync(code, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length },
        }).toString('base64');
        return {
          contents: [
            `import { loadPackedModule } from ${JSON.stringify(packedModule)};`,
            `const PACKED = ${JSON.stringify(packed)};`,
            'let loaded;',
            'export function connectKubernetes(options) {',
            '  loaded ??= loadPackedModule(PACKED);',
            '  return loaded.then((module) => module.connectKubernetes(options));',
            '}',
          ].join('\n'),
          loader: 'js',
          resolveDir: kubernetesDir,
        };
      });
    },
  };
}
