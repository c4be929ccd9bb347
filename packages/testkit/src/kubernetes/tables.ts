import { isRecord, type StoredObject } from './objects.js';
import type { ResourceType } from './resources.js';
import { humanDuration, parseMicroTime, parseTime } from './times.js';

interface Column {
  name: string;
  type: 'string' | 'integer';
  format?: string;
  description: string;
  priority?: number;
}

const NAME: Column = { name: 'Name', type: 'string', format: 'name', description: 'Name of the object.' };
const AGE: Column = { name: 'Age', type: 'string', description: 'How long ago the object was created.' };

/** The columns of the API server's table printers (priority 1 columns show with `-o wide`). */
const COLUMNS: Record<string, Column[]> = {
  ConfigMap: [NAME, { name: 'Data', type: 'integer', description: 'The number of data keys.' }, AGE],
  Lease: [NAME, { name: 'Holder', type: 'string', description: 'The holder of the lease.' }, AGE],
  Event: [
    { name: 'Last Seen', type: 'string', description: 'When the event was last observed.' },
    { name: 'Type', type: 'string', description: 'Normal or Warning.' },
    { name: 'Reason', type: 'string', description: 'Why the event happened.' },
    { name: 'Object', type: 'string', description: 'The object the event is about.' },
    { name: 'Subobject', type: 'string', priority: 1, description: 'The field path within the object.' },
    { name: 'Source', type: 'string', priority: 1, description: 'The component that reported it.' },
    { name: 'Message', type: 'string', description: 'What happened.' },
    { name: 'First Seen', type: 'string', priority: 1, description: 'When the event was first observed.' },
    { name: 'Count', type: 'string', priority: 1, description: 'How many times it was observed.' },
    { name: 'Name', type: 'string', priority: 1, description: 'Name of the event.' },
  ],
};

function since(text: unknown, nowMs: number, micro = false): string {
  if (typeof text !== 'string' || !text) return '<unknown>';
  const parsed = micro ? parseMicroTime(text) : parseTime(text);
  return parsed.ok ? humanDuration(nowMs - parsed.epochMs) : '<unknown>';
}

function eventCells(event: StoredObject, nowMs: number): unknown[] {
  const involved = isRecord(event.involvedObject) ? event.involvedObject : {};
  const source = isRecord(event.source) ? event.source : {};
  const series = isRecord(event.series) ? event.series : undefined;
  const firstSeen = event.firstTimestamp
    ? since(event.firstTimestamp, nowMs)
    : since(event.eventTime, nowMs, true);
  let lastSeen = event.lastTimestamp ? since(event.lastTimestamp, nowMs) : firstSeen;
  let count = typeof event.count === 'number' && event.count > 0 ? event.count : 1;
  if (series) {
    lastSeen = since(series.lastObservedTime, nowMs, true);
    count = typeof series.count === 'number' ? series.count : count;
  }
  const kind = String(involved.kind ?? '').toLowerCase();
  const target = involved.name ? `${kind}/${String(involved.name)}` : kind;
  const component = String(source.component ?? '') || String(event.reportingComponent ?? '');
  const host = String(source.host ?? '') || String(event.reportingInstance ?? '');
  const from = host ? `${component}, ${host}` : component;
  return [
    lastSeen,
    event.type ?? '',
    event.reason ?? '',
    target,
    involved.fieldPath ?? '',
    from,
    String(event.message ?? '').trim(),
    firstSeen,
    count,
    event.metadata.name,
  ];
}

function cells(object: StoredObject, nowMs: number): unknown[] {
  const age = since(object.metadata.creationTimestamp, nowMs);
  if (object.kind === 'ConfigMap') {
    const keys = Object.keys(isRecord(object.data) ? object.data : {}).length;
    const binaryKeys = Object.keys(isRecord(object.binaryData) ? object.binaryData : {}).length;
    return [object.metadata.name, keys + binaryKeys, age];
  }
  if (object.kind === 'Lease') {
    const spec = isRecord(object.spec) ? object.spec : {};
    return [object.metadata.name, spec.holderIdentity ?? '', age];
  }
  return eventCells(object, nowMs);
}

/** How much of each object a table row carries (`includeObject` query parameter). */
export type IncludeObject = 'None' | 'Object' | 'PartialObjectMetadata';

/**
 * A `meta.k8s.io/v1` Table of `objects`, as the API server answers `Accept: application/json;as=Table;...`
 * (what `kubectl get` asks for). Ages are computed by the emulator clock, `nowMs`.
 */
export function toTable(
  type: ResourceType,
  objects: StoredObject[],
  options: { nowMs: number; resourceVersion: string; includeObject: IncludeObject; continueToken?: string },
): object {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      resourceVersion: options.resourceVersion,
      ...(options.continueToken ? { continue: options.continueToken } : {}),
    },
    columnDefinitions: (COLUMNS[type.kind] ?? [NAME, AGE]).map((column) => ({
      priority: 0,
      format: '',
      ...column,
    })),
    rows: objects.map((object) => ({
      cells: cells(object, options.nowMs),
      ...(options.includeObject === 'None'
        ? {}
        : {
            object:
              options.includeObject === 'Object'
                ? object
                : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata },
          }),
    })),
  };
}
