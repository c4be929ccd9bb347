import { ConfigError, type ReconcilePlan, reconcile } from '@aks-scaler/core';
import { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import { fleetTarget, refuseImpossiblePlan } from '../../pod/fleet-targets.js';
import type { CliIo } from '../cli-io.js';
import { loadCliSetup } from '../cli-setup.js';
import { resolveCliTargets } from '../cli-targets.js';
import { addClusterOptions, type ClusterOptions } from '../cluster-options.js';
import { planRow, planStepJson } from '../render/plan-rows.js';
import { planTable } from '../render/tables.js';
import { runAction } from '../run-action.js';

/** Options of `plan`. */
interface PlanCommandOptions extends ClusterOptions {
  at?: string;
}

/**
 * `aks-scaler plan [--at <ISO instant>]`: what a reconcile would change, and why. Writes nothing. Each cluster is
 * planned by a dry-run reconcile (its pools read once, its policy evaluated once), so a decision for a pool the
 * cluster lacks (`unknownPools: error`) or one that stops a System pool exits 2, as the pod does.
 */
export function planCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  const command = new Command('plan')
    .description(
      'show what a reconcile would change and why: nodes, power state, autoscaler range, action, target (reads the pools, writes nothing)',
    )
    .option(
      '--at <instant>',
      `evaluate the policy at this ISO 8601 instant instead of now; it needs Z or a UTC offset, e.g. ${AT_EXAMPLES}`,
    );
  addClusterOptions(command, { policy: true }).action(async (options: PlanCommandOptions) => {
    done(
      await runAction(io, options.json, async () => {
        const at = parseInstant(options.at);
        const cli = await loadCliSetup(io, options, command);
        const { client } = cli;
        const clusters = [];
        for (const target of await resolveCliTargets(io, cli)) {
          let planned: ReconcilePlan | undefined;
          await reconcile({
            ...fleetTarget(target),
            client,
            dryRun: true,
            now: () => at,
            abortSignal: io.signal,
            onPlan: (plan) => {
              refuseImpossiblePlan(plan);
              planned = plan;
            },
          });
          const { plan, notices } = planned as ReconcilePlan;
          // What the policy told the operator (an override in force, expired, or a tag ignored): warnings on stderr.
          for (const notice of notices) {
            if (notice.level === 'warning') io.stderr.write(`warning: ${notice.message}\n`);
          }
          clusters.push({
            cluster: target.cluster,
            ...(target.selector !== undefined && { selector: target.selector }),
            policy: target.policy.name,
            changes: plan.changes,
            steps: plan.steps.map(planStepJson),
            ignored: plan.ignored,
            notices,
          });
          if (!options.json) {
            const { clusterName, resourceGroup } = target.cluster;
            io.stdout.write(
              `${clusterName} (${resourceGroup}${target.selector === undefined ? '' : `, discovered by ${target.selector}`}) at ${at.toISOString()}, policy ${target.policy.name}: ${plan.changes} change${plan.changes === 1 ? '' : 's'}\n`,
            );
            io.stdout.write(`${planTable(plan.steps.map(planRow))}\n`);
            for (const ignored of plan.ignored)
              io.stdout.write(`ignored ${ignored.pool}: ${ignored.reason}\n`);
          }
        }
        if (options.json) io.stdout.write(`${JSON.stringify({ at: at.toISOString(), clusters }, null, 2)}\n`);
        return EXIT_CODES.ok;
      }),
    );
  });
  return command;
}

const AT_EXAMPLES = '2026-12-24T09:00:00Z or 2026-12-24T10:00:00+01:00';
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/**
 * `--at`: an ISO 8601 instant with `Z` or an offset. A date and time without one is refused rather than read in this
 * machine's timezone, where a laptop and a CI runner would disagree about it.
 */
export function parseInstant(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const at = new Date(text);
  if (INSTANT.test(text) && !Number.isNaN(at.getTime())) return at;
  const message = LOCAL_TIME.test(text)
    ? `${JSON.stringify(text)} has no UTC offset, so it would be read in this machine's timezone; add Z or an offset: ${text}Z (UTC) or ${text}+01:00 (an offset from UTC).`
    : `${JSON.stringify(text)} is not an ISO 8601 instant with Z or a UTC offset; use e.g. ${AT_EXAMPLES}.`;
  throw new ConfigError(`--at ${message}`, { issues: [{ path: '--at', message }] });
}
