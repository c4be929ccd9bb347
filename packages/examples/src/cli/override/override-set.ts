import { ConfigError, type ConfigIssue } from '@aks-scaler/core';
import {
  formatOverrideTarget,
  MAX_OVERRIDE_REASON_LENGTH,
  OVERRIDE_REASON_TAG,
  OVERRIDE_TAG,
  OVERRIDE_TARGET_FORMS,
  OVERRIDE_UNTIL_TAG,
  type OverrideTarget,
  overrideTargetProblem,
  parseOverrideTarget,
  untilFrom,
  untilProblem,
} from '@aks-scaler/policies';
import { Command } from 'commander';
import { EXIT_CODES, type ExitCode } from '../../pod/exit-codes.js';
import type { CliIo } from '../cli-io.js';
import { addClusterOptions, type ClusterOptions } from '../cluster-options.js';
import { runAction } from '../run-action.js';
import { poolNameIssue, readOverridePool, tagWriter } from './override-cluster.js';

interface SetOptions extends ClusterOptions {
  until?: string;
  reason?: string;
}

/** The validated arguments of `override set`. */
interface SetArguments {
  target: OverrideTarget;
  until: string;
  reason: string;
}

/** Every problem with the arguments, found before anything is read or written. */
function readArguments(pool: string, target: string, options: SetOptions, now: Date): SetArguments {
  const issues: ConfigIssue[] = [];
  const name = poolNameIssue(pool);
  if (name) issues.push(name);
  const parsed = parseOverrideTarget(target);
  if ('problem' in parsed) issues.push({ path: '<target>', message: parsed.problem });
  let until: string | undefined;
  if (options.until === undefined) {
    issues.push({
      path: '--until',
      message:
        'is required: an override must end; give an instant such as 2026-12-07T08:00:00+01:00, or a duration from now such as 4h',
    });
  } else {
    const read = untilFrom(options.until, now);
    if ('problem' in read) issues.push({ path: '--until', message: read.problem });
    else {
      const problem = untilProblem(
        read.at,
        now,
        options.until === read.until ? read.until : `${options.until} (${read.until})`,
      );
      if (problem) issues.push({ path: '--until', message: problem });
      else until = read.until;
    }
  }
  const reason = options.reason?.trim();
  if (!reason) {
    issues.push({
      path: '--reason',
      message: 'is required: say why, e.g. --reason "deploy freeze" (it shows in the plan)',
    });
  } else if (reason.length > MAX_OVERRIDE_REASON_LENGTH) {
    issues.push({
      path: '--reason',
      message: `has ${reason.length} characters; an Azure tag keeps at most ${MAX_OVERRIDE_REASON_LENGTH}, so shorten it`,
    });
  }
  if (issues.length > 0 || !('target' in parsed) || until === undefined || !reason) throw setError(issues);
  return { target: parsed.target, until, reason };
}

function setError(issues: ConfigIssue[]): ConfigError {
  const lines = issues.map((issue) => `- ${issue.path}: ${issue.message}`).join('\n');
  return new ConfigError(
    `aks-scaler override set: ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was written:\n${lines}`,
    { issues },
  );
}

/**
 * `aks-scaler override set <pool> <target|pause> --until <instant|duration> --reason <text>`: writes the pool's
 * three override tags (and nothing else) through the safe writer, after checking everything it can first.
 */
export function overrideSetCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  const command = new Command('set')
    .description(
      'override a pool until an instant: the three aks-scaler-* tags are written to it, nothing else',
    )
    .argument('<pool>', 'the agent pool, e.g. manualpool2')
    .argument('<target>', `${OVERRIDE_TARGET_FORMS} (pause: write nothing to the pool)`)
    .option(
      '--until <instant|duration>',
      'when it ends: 2026-12-07T08:00:00+01:00, or from now: 4h, 2d (at most 30 days)',
    )
    .option('--reason <text>', 'why, shown in plans and logs (at most 256 characters)');
  addClusterOptions(command).action(async (pool: string, target: string, options: SetOptions) => {
    done(
      await runAction(io, options.json, async () => {
        const now = io.now?.() ?? new Date();
        const args = readArguments(pool, target, options, now);
        const read = await readOverridePool(io, options, command, pool);
        const unfit = overrideTargetProblem(args.target, read.pool);
        if (unfit) throw setError([{ path: '<target>', message: unfit }]);
        const tags = {
          [OVERRIDE_TAG]: formatOverrideTarget(args.target),
          [OVERRIDE_UNTIL_TAG]: args.until,
          [OVERRIDE_REASON_TAG]: args.reason,
        };
        const written = await tagWriter(read.client)(read.pool, tags, {
          abortSignal: io.signal,
          onWaiting: ({ reason }) => io.stderr.write(`waiting: ${reason}\n`),
        });
        const { clusterName, resourceGroup } = read.cluster;
        if (options.json) {
          const override = { target: tags[OVERRIDE_TAG], until: args.until, reason: args.reason };
          io.stdout.write(
            `${JSON.stringify({ cluster: read.cluster, pool, override, tags: written.tags ?? {} }, null, 2)}\n`,
          );
        } else {
          io.stdout.write(
            `${pool} of ${clusterName} (${resourceGroup}): override ${tags[OVERRIDE_TAG]} until ${args.until} (${args.reason}) is set.\n` +
              `The scaler follows it from its next run; undo it with: aks-scaler override clear ${pool}\n`,
          );
        }
        return EXIT_CODES.ok;
      }),
    );
  });
  return command;
}
