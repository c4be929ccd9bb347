import { parseScalerConfig, policyFromConfig, scalerConfigWarnings } from '@aks-scaler/policies';

// Loaded only when SCALER_CONFIG is set (a dynamic import): the schema validation and the schedule and metric
// policies stay out of memory for the NODE_POOLS_AMOUNT path.
export { parseScalerConfig, policyFromConfig, scalerConfigWarnings };
