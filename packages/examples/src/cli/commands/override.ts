import { Command } from 'commander';
import type { ExitCode } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { overrideClearCommand } from '../override/override-clear.js';
import { overrideListCommand } from '../override/override-list.js';
import { overrideSetCommand } from '../override/override-set.js';

/** `aks-scaler override set|clear|list`: on-call overrides as agent-pool tags, which beat the policy until they end. */
export function overrideCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  const command = new Command('override')
    .description('set, clear or list overrides: temporary decisions that beat the policy until they end')
    .addHelpText(
      'after',
      `
An override is written as three tags of the agent pool (aks-scaler-override, aks-scaler-until,
aks-scaler-reason) and read by the scaler at its next run. It beats the policy, bounds and the config's
overrides; it never beats the safety rules (a System pool is never stopped). It ends at --until (at most
30 days ahead); then the policy decides again. Writing tags needs Microsoft.ContainerService/managedClusters/agentPools/write.

Examples:
  aks-scaler override set manualpool2 pause --until 2026-12-07T08:00:00+01:00 --reason "deploy freeze"
  aks-scaler override set manualpool3 10 --until 4h --reason "load test"
  aks-scaler override set autopool 2-10 --until 2d --reason sale
  aks-scaler override list --json
  aks-scaler override clear manualpool2`,
    );
  for (const make of [overrideSetCommand, overrideClearCommand, overrideListCommand]) {
    command.addCommand(make(io, done));
  }
  return command;
}
