import { ConfigError } from '@aks-scaler/core/errors';
import { fromNodePoolsAmount, parseNodePoolsAmount, staticPolicy } from '@aks-scaler/policies';

// #region static
const seed = fromNodePoolsAmount(process.env.NODE_POOLS_AMOUNT ?? '{ "manualpool2": 5, "manualpool3": 5 }');
const fixed = staticPolicy({ manualpool2: 5, manualpool3: 5 });

// #endregion static

export { fixed, seed };

/** The messages users see for common mistakes, one per line. */
export async function mistakes(): Promise<string> {
  const values = [
    '{ manualpool2: 5 }', // a YAML map where JSON is expected
    '{ "manualpool2": 5, "manualpool2": 6 }',
    '{ "ManualPool2": 5, "manualpool3": 1001 }',
    '"{ \\"manualpool2\\": 5 }"', // quoted twice
    '[5, 5]',
  ];
  const lines: string[] = [];
  for (const value of values) {
    try {
      parseNodePoolsAmount(value);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      lines.push(`NODE_POOLS_AMOUNT=${value}`);
      for (const issue of error.issues) lines.push(`  ${issue.path}: ${issue.message}`);
    }
  }
  return ['```text', ...lines, '```'].join('\n');
}
