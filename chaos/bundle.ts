/**
 * The shipped bundles (`scaler-pod.js`, `cli.js`) built from the current sources with the examples package's own
 * tsup config, into a fresh temp folder with no node_modules around it: the same builder the pod's end-to-end
 * tests use, so chaos runs exercise exactly what ships.
 */
export { type Bundles, buildBundles as buildPodBundles } from '../packages/examples/test/helpers/bundle.js';
