import type { Policy } from '@aks-scaler/core';

/** Ten `batch` nodes from 22:00 to 06:00 UTC, none by day: a whole policy. */
export const nightlyBatch: Policy = {
  name: 'nightly-batch',
  evaluate: ({ now }) => {
    const night = now.getUTCHours() >= 22 || now.getUTCHours() < 6;
    return [
      { pool: 'batch', count: night ? 10 : 0, reason: night ? 'night: batch window' : 'day: no batch' },
    ];
  },
};
