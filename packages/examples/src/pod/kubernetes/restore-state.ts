import type { Policy } from '@aks-scaler/core';
import type { Logger } from '../../shared/logger.js';
import {
  parseStateDocument,
  restoreFromState,
  type StateDocument,
  type StateTarget,
} from './state-document.js';
import { STATUS_KEYS } from './status-data.js';

/** Options of {@link restoreSavedState}. */
export interface RestoreSavedStateOptions {
  /** Reads the status ConfigMap's data (`undefined`: it does not exist yet). */
  read: () => Promise<Record<string, string> | undefined | 'failed' | 'unreachable'>;
  /** The targets whose policies (and learned durations) get their state back. */
  targets: readonly StateTarget[];
  /** Names the ConfigMap in the log. */
  where: () => string;
  logger: Logger;
}

/**
 * Reads `state.json` back at start and gives each cluster its saved state. Whatever gets in the way (the API
 * unreachable, a corrupt state, one saved by a newer scaler or for another config) means a fresh start, said in
 * one warning; it never stops the pod.
 */
export async function restoreSavedState(
  options: RestoreSavedStateOptions,
): Promise<StateDocument | undefined> {
  const { logger } = options;
  const stored = await options.read();
  if (stored === 'failed' || stored === 'unreachable') {
    logger.info('no saved state could be read: the policies start fresh');
    return undefined;
  }
  const parsed = parseStateDocument(stored?.[STATUS_KEYS.state]);
  if (parsed.kind === 'none') {
    logger.info({ configMap: options.where() }, 'no saved state yet: the policies start fresh');
    return undefined;
  }
  if (parsed.kind === 'ignored') {
    logger.warn(
      { configMap: options.where(), key: STATUS_KEYS.state },
      `the saved state is ignored, the policies start fresh: ${parsed.why}; it is replaced after the next reconcile`,
    );
    return undefined;
  }
  const outcome = restoreFromState(options.targets, parsed.document);
  if (outcome.foreign.length > 0 || outcome.warnings.length > 0) {
    const parts = [
      ...(outcome.foreign.length > 0
        ? [
            `${outcome.foreign.join(', ')}: saved for another config (its policy changed), so that policy starts fresh`,
          ]
        : []),
      ...outcome.warnings.map((warning) => `${warning.path}: ${warning.message}`),
    ];
    logger.warn(
      { configMap: options.where(), savedAt: parsed.document.savedAt, ignored: parts },
      `parts of the saved state are ignored: ${parts.join('; ')}`,
    );
  }
  if (outcome.restored.length > 0) {
    logger.info(
      { configMap: options.where(), savedAt: parsed.document.savedAt, clusters: outcome.restored },
      "restored the policies' saved state",
    );
  }
  return parsed.document;
}

/**
 * Gives targets that appear after the start (clusters a selector discovers) their saved state, from the document
 * read at start: their policies wait for it when first evaluated, like those of the start.
 */
export function restoreLater(
  targets: readonly StateTarget[],
  document: Promise<StateDocument | undefined>,
  logger: Logger,
): void {
  const restoring = document.then((saved) => {
    if (saved === undefined) return;
    const outcome = restoreFromState(targets, saved);
    if (outcome.restored.length > 0) {
      logger.info(
        { savedAt: saved.savedAt, clusters: outcome.restored },
        "restored the saved state of discovered clusters' policies",
      );
    }
    if (outcome.foreign.length > 0 || outcome.warnings.length > 0) {
      logger.warn(
        { clusters: outcome.foreign, ignored: outcome.warnings },
        'parts of the saved state of discovered clusters are ignored (saved for another config, or not fitting it)',
      );
    }
  });
  evaluateAfterRestore(targets, restoring);
}

/**
 * Lets the first reconcile start while the saved state is still being read: each target's policy waits for the
 * restore (bounded by the Kubernetes call timeout) only when it is evaluated, after the pools were read from ARM.
 * Once the restore is done, the targets have their own policies again (rebuilt with the saved state, or as they
 * were).
 */
export function evaluateAfterRestore(targets: readonly StateTarget[], restoring: Promise<unknown>): void {
  const originals = targets.map((target) => target.policy);
  const gates = targets.map(
    (target, index): Policy => ({
      name: originals[index]!.name,
      async evaluate(ctx) {
        await settled;
        return target.policy.evaluate(ctx);
      },
    }),
  );
  const settled = restoring
    .catch(() => {})
    .finally(() => {
      targets.forEach((target, index) => {
        if (target.policy === gates[index]) target.policy = originals[index]!;
      });
    });
  targets.forEach((target, index) => {
    target.policy = gates[index]!;
  });
}
