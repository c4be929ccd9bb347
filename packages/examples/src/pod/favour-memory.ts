import { favourMemoryOverSpeed } from './memory-footprint.js';

// Imported first by the pod's entrypoint: the flag applies before any other module loads.
favourMemoryOverSpeed();
