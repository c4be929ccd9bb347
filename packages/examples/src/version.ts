/** The version of the aks-scaler examples (pod and CLI), reported by `--version`. */
export const EXAMPLES_VERSION = '0.1.0';
