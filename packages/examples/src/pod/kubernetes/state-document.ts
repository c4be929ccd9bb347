import type { ClusterRef, ConfigIssue } from '@aks-scaler/core';
import { z } from 'zod';
import {
  restoreTargetState,
  type SavedTargetState,
  type StatefulTarget,
  saveTargetState,
} from '../target-state.js';

/** The `state.json` version this scaler writes and reads; a newer one is ignored (saved by a newer scaler). */
export const STATE_VERSION = 1;

/** One cluster's saved state. */
export interface ClusterStateEntry extends SavedTargetState {
  subscription: string;
  resourceGroup: string;
  name: string;
}

/** `state.json`: what stateful policies and learned durations need after a restart, per cluster. */
export interface StateDocument {
  version: typeof STATE_VERSION;
  savedAt: string;
  clusters: ClusterStateEntry[];
}

/** What a `state.json` held: nothing, a state, or something to ignore (and say so once). */
export type ParsedState =
  | { kind: 'none' }
  | { kind: 'state'; document: StateDocument }
  | { kind: 'ignored'; why: string };

const durationsSchema = z.array(
  z.object({
    pool: z.string(),
    direction: z.string(),
    samples: z.array(z.object({ durationInMs: z.number(), nodes: z.number(), endedAt: z.number() })),
  }),
);
const documentSchema = z.object({
  version: z.literal(STATE_VERSION),
  savedAt: z.string(),
  clusters: z.array(
    z.object({
      subscription: z.string(),
      resourceGroup: z.string(),
      name: z.string(),
      policy: z.object({ hash: z.string(), state: z.unknown() }).optional(),
      operationDurations: durationsSchema.optional(),
    }),
  ),
});

/** Reads `state.json`: a corrupt one, or one of a newer version, is to be ignored, never a crash. */
export function parseStateDocument(text: string | undefined): ParsedState {
  if (text === undefined || text.trim() === '') return { kind: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'ignored', why: 'it is not JSON (corrupt?)' };
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > STATE_VERSION) {
    return {
      kind: 'ignored',
      why: `it is version ${version}, saved by a newer aks-scaler (this one reads ${STATE_VERSION})`,
    };
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success)
    return { kind: 'ignored', why: 'it does not have the shape of a saved state (corrupt?)' };
  return { kind: 'state', document: parsed.data as StateDocument };
}

/** A target with its cluster, as the pod has them. */
export interface StateTarget extends StatefulTarget {
  cluster: ClusterRef;
}

/** The `state.json` of `targets` now. */
export function buildStateDocument(targets: readonly StateTarget[], now: Date): StateDocument {
  return {
    version: STATE_VERSION,
    savedAt: now.toISOString(),
    clusters: targets.map((target) => ({
      subscription: target.cluster.subscriptionId,
      resourceGroup: target.cluster.resourceGroup,
      name: target.cluster.clusterName,
      ...saveTargetState(target),
    })),
  };
}

/** What {@link restoreFromState} did. */
export interface StateRestore {
  /** Clusters whose policy got its saved state back. */
  restored: string[];
  /** Clusters whose saved policy state belongs to another config (another hash): ignored. */
  foreign: string[];
  /** Parts of a saved state that did not fit and were ignored. */
  warnings: ConfigIssue[];
}

/** Gives each target its saved state (by subscription, resource group and name). */
export function restoreFromState(targets: readonly StateTarget[], document: StateDocument): StateRestore {
  const result: StateRestore = { restored: [], foreign: [], warnings: [] };
  for (const target of targets) {
    const { cluster } = target;
    const saved = document.clusters.find(
      (entry) =>
        entry.subscription.toLowerCase() === cluster.subscriptionId.toLowerCase() &&
        entry.resourceGroup.toLowerCase() === cluster.resourceGroup.toLowerCase() &&
        entry.name.toLowerCase() === cluster.clusterName.toLowerCase(),
    );
    if (!saved) continue;
    const outcome = restoreTargetState(target, saved);
    const name = `${cluster.resourceGroup}/${cluster.clusterName}`;
    if (outcome.policyRestored) result.restored.push(name);
    if (outcome.foreign) result.foreign.push(name);
    result.warnings.push(...outcome.warnings);
  }
  return result;
}
