export { staticPolicy } from './static-policy.js';
