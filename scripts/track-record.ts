/**
 * Writes src/lib/core/serving/track-record-data.ts: the serving model's track record by engine
 * and device (serving/track-record.ts), from the same runs of the fixtures as README's VALIDATION
 * section. `npm run validation` writes it; tests/unit/scripts/validation.test.ts checks it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'prettier';
import { trackRecords, type TrackedRatio } from '../src/lib/core/index.ts';
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

/** The data file's text, formatted as `prettier --check` expects. */
export async function trackRecordSource(): Promise<string> {
  const records = trackRecords(trackedRatios());
  const text = [
    '/**',
    ' * The serving model against every published decode throughput in tests/fixtures, by engine',
    ' * and device (track-record.ts). Written by `npm run validation` (scripts/track-record.ts):',
    ' * do not edit.',
    ' */',
    "import type { TrackRecord } from './track-record.ts';",
    '',
    `export const TRACK_RECORDS: readonly TrackRecord[] = ${JSON.stringify(records)};`,
    '',
  ].join('\n');
  return format(text, { parser: 'typescript', singleQuote: true, printWidth: 100 });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(join(import.meta.dirname, '..', TRACK_RECORD_DATA), await trackRecordSource());
  console.log(`${TRACK_RECORD_DATA}: written`);
}
