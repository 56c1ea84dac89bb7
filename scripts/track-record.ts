/**
 * Writes src/lib/core/serving/track-record-data.ts: the serving model's track record by engine
 * and device, and the local model's by kind of memory (serving/track-record.ts), from the same
 * runs of the fixtures as README's VALIDATION section. `npm run validation` writes it;
 * tests/unit/scripts/validation.test.ts checks it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'prettier';
import {
  findDevice,
  localTrackRecords,
  trackRecords,
  type LocalTrackedRatio,
  type TrackedRatio,
} from '../src/lib/core/index.ts';
import { localResults } from './local-validation.ts';
import { SERVE_DEFAULTS } from '../src/cli/serve-options.ts';
import {
  PENDING_FILE,
  SERVING_FILES,
  servingOutcomes,
  throughputRatios,
  type Case,
} from './validation.ts';

/** Where the records go, from the repository's root. */
export const TRACK_RECORD_DATA = 'src/lib/core/serving/track-record-data.ts';

/** A case's device as the CLI resolves it: `--gpu`, its default, or null for a custom device. */
function deviceOf(c: Case): string | null {
  if (c.cli.includes('--gpu-memory-gb')) return null;
  const i = c.cli.indexOf('--gpu');
  return (i >= 0 ? c.cli[i + 1]! : SERVE_DEFAULTS.gpu).toLowerCase();
}

/** Every published decode throughput of the gated and the pending fixtures, tracked. */
export function trackedRatios(): TrackedRatio[] {
  const outcomes = servingOutcomes([...SERVING_FILES, PENDING_FILE]);
  const byId = new Map(outcomes.map((o) => [o.c.id, o]));
  return throughputRatios(outcomes).map(({ id, ratio }) => {
    const { c, out } = byId.get(id)!;
    return { id, engine: out.assumptions.memory.engine, device: deviceOf(c), ratio };
  });
}

/**
 * The decode of every published home run the local model is held to (local-cases.json,
 * `validate.decode`), with whether its machine's memory is one unified pool (its `--gpu`).
 */
export function localTrackedRatios(): LocalTrackedRatio[] {
  return localResults()
    .filter((r) => r.decode.validated)
    .map((r) => {
      const gpu = r.cli[r.cli.indexOf('--gpu') + 1]!;
      const unified = findDevice(gpu)?.unified !== undefined;
      return { id: r.id, unified, ratio: r.decode.explorer / r.decode.published };
    });
}

/** The data file's text, formatted as `prettier --check` expects. */
export async function trackRecordSource(): Promise<string> {
  const records = trackRecords(trackedRatios());
  const local = localTrackRecords(localTrackedRatios());
  const text = [
    '/**',
    ' * The serving model against every published decode throughput in tests/fixtures, by engine',
    ' * and device (track-record.ts). Written by `npm run validation` (scripts/track-record.ts):',
    ' * do not edit.',
    ' */',
    "import type { LocalTrackRecord, TrackRecord } from './track-record.ts';",
    '',
    `export const TRACK_RECORDS: readonly TrackRecord[] = ${JSON.stringify(records)};`,
    '',
    '/** The local model against the published home runs of local-cases.json (issue 12). */',
    `export const LOCAL_TRACK_RECORDS: readonly LocalTrackRecord[] = ${JSON.stringify(local)};`,
    '',
  ].join('\n');
  return format(text, { parser: 'typescript', singleQuote: true, printWidth: 100 });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(join(import.meta.dirname, '..', TRACK_RECORD_DATA), await trackRecordSource());
  console.log(`${TRACK_RECORD_DATA}: written`);
}
