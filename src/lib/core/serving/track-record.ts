/**
 * How close the serving model came to published deployments like the one on screen: of the
 * published decode throughputs in tests/fixtures (the gated facts and issue 13's unseen ones),
 * those of the same engine on the same device, how many the explorer met within x1.5 and x2,
 * and the geometric mean of explorer / published; with the experts in system RAM, the same of
 * the home runs the local model is held to (local-cases.json), by kind of memory.
 * `npm run validation` writes the records (track-record-data.ts) from the same runs as README's
 * VALIDATION section, and tests/unit/scripts/validation.test.ts fails when they are out of date.
 */
import { ENGINE_NAMES, type EngineId } from './engines.ts';
import { LOCAL_TRACK_RECORDS, TRACK_RECORDS } from './track-record-data.ts';

/** One group of published figures: an engine on a device, an engine on any, or all. */
export interface TrackRecord {
  /** null: any engine. */
  engine: EngineId | null;
  /** A catalog device id (hardware.ts); null: any device, custom ones included. */
  device: string | null;
  /** Published decode throughputs (a step's, a whole run's, one user's) in the group. */
  figures: number;
  /** The deployments they come from. */
  deployments: number;
  /** Figures the explorer met within x1.5 either way. */
  within15: number;
  /** Figures the explorer met within x2 either way. */
  within2: number;
  /** Geometric mean of explorer / published: above 1, the explorer reads fast. */
  geometricMean: number;
}

/** Fewest figures a group needs to stand for a deployment; a thinner one defers to a wider. */
export const TRACK_RECORD_MIN_FIGURES = 5;

/** One published figure: the deployment's engine and device, and explorer / published. */
export interface TrackedRatio {
  id: string;
  engine: EngineId;
  device: string | null;
  ratio: number;
}

/** How many figures, of how many deployments, within x1.5 and x2, and their geometric mean. */
function tally(ratios: readonly { id: string; ratio: number }[]) {
  const within = (band: number) =>
    ratios.filter((r) => r.ratio <= band && r.ratio >= 1 / band).length;
  const logMean = ratios.reduce((sum, r) => sum + Math.log(r.ratio), 0) / ratios.length;
  return {
    figures: ratios.length,
    deployments: new Set(ratios.map((r) => r.id)).size,
    within15: within(1.5),
    within2: within(2),
    geometricMean: Number(Math.exp(logMean).toFixed(3)),
  };
}

/** The record of some figures, under the group's engine and device. */
function record(
  engine: EngineId | null,
  device: string | null,
  ratios: readonly TrackedRatio[],
): TrackRecord {
  return { engine, device, ...tally(ratios) };
}

/**
 * The records of every engine on every device, of every engine on any device, and of all figures,
 * in that order (engines and devices sorted): what track-record-data.ts holds. A group of fewer
 * than TRACK_RECORD_MIN_FIGURES is left out, as it never stands for a deployment.
 */
export function trackRecords(ratios: readonly TrackedRatio[]): TrackRecord[] {
  const groups = new Map<string, TrackedRatio[]>();
  const add = (key: string, r: TrackedRatio) => groups.set(key, [...(groups.get(key) ?? []), r]);
  for (const r of ratios) {
    if (r.device !== null) add(`${r.engine}\u0000${r.device}`, r);
    add(`${r.engine}\u0000`, r);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    const wide = (k: string) => (k.endsWith('\u0000') ? 1 : 0);
    return wide(a) - wide(b) || a.localeCompare(b);
  });
  const records = keys
    .filter((key) => groups.get(key)!.length >= TRACK_RECORD_MIN_FIGURES)
    .map((key) => {
      const [engine, device] = key.split('\u0000') as [EngineId, string];
      return record(engine, device === '' ? null : device, groups.get(key)!);
    });
  return ratios.length > 0 ? [...records, record(null, null, ratios)] : records;
}

/**
 * The record that stands for a deployment of `engine` on `device`: that engine on that device
 * when it has TRACK_RECORD_MIN_FIGURES figures, else that engine on any device, else every
 * figure; null without records. `records`: the written ones (track-record-data.ts) unless given.
 *
 * @example trackRecordFor('vllm', 'h100-sxm') // vLLM on H100 SXM, which has 5 or more
 */
export function trackRecordFor(
  engine: EngineId,
  device: string,
  records: readonly TrackRecord[] = TRACK_RECORDS,
): TrackRecord | null {
  const enough = (r: TrackRecord) => r.figures >= TRACK_RECORD_MIN_FIGURES;
  return (
    records.find((r) => r.engine === engine && r.device === device && enough(r)) ??
    records.find((r) => r.engine === engine && r.device === null && enough(r)) ??
    records.find((r) => r.engine === null && r.device === null) ??
    null
  );
}

/**
 * A record in words, for the deployment it stands for: the group it is, why a wider group when
 * it is one, and how close the explorer came.
 *
 * @example trackRecordText(r, 'vllm', 'NVIDIA H100 SXM 80GB')
 * // 'vLLM on NVIDIA H100 SXM 80GB: 31 of 48 published decode speeds (29 deployments) are within
 * //  ×1.5 of the explorer’s, 42 within ×2; on geometric mean the explorer reads 8% above them'
 */
export function trackRecordText(r: TrackRecord, engine: EngineId, deviceName: string): string {
  const named = `${ENGINE_NAMES[engine]} on ${deviceName}`;
  const scope =
    r.device !== null
      ? named
      : r.engine !== null
        ? `${ENGINE_NAMES[engine]} on any device (too few runs of ${named})`
        : `every engine and device (too few runs of ${ENGINE_NAMES[engine]})`;
  return `${scope}: ${r.within15} of ${r.figures} published decode speeds (${r.deployments} deployments) are within ×1.5 of the explorer’s, ${r.within2} within ×2; ${lean(r.geometricMean)}`;
}

/** Which way the explorer leans from published figures, from explorer / published. */
function lean(geometricMean: number): string {
  const off = Math.round(Math.abs(geometricMean - 1) * 100);
  return off === 0
    ? 'on geometric mean the explorer matches them'
    : `on geometric mean the explorer reads ${off}% ${geometricMean > 1 ? 'above' : 'below'} them`;
}

/**
 * The track record of a deployment of `engine` on `device` in words (trackRecordFor, then
 * trackRecordText); null without records.
 */
export function formatTrackRecord(
  engine: EngineId,
  device: { id: string; name: string },
  records: readonly TrackRecord[] = TRACK_RECORDS,
): string | null {
  const record = trackRecordFor(engine, device.id, records);
  return record && trackRecordText(record, engine, device.name);
}

/**
 * The local model's record (experts in system RAM, issue 12): of the published home runs it is
 * held to (tests/fixtures/local-cases.json, `validate.decode`), those on a machine of the same
 * memory, a unified pool (Apple silicon, DGX Spark, Ryzen AI Max) or a discrete GPU beside RAM.
 */
export interface LocalTrackRecord {
  /** null: every home run. */
  memory: 'unified' | 'discrete' | null;
  figures: number;
  deployments: number;
  within15: number;
  within2: number;
  geometricMean: number;
}

/** One home run's decode: its machine's memory, and explorer / published. */
export interface LocalTrackedRatio {
  id: string;
  unified: boolean;
  ratio: number;
}

/** The records of unified and discrete machines (each with enough runs), then of every run. */
export function localTrackRecords(ratios: readonly LocalTrackedRatio[]): LocalTrackRecord[] {
  const of = (memory: LocalTrackRecord['memory'], rs: readonly LocalTrackedRatio[]) => ({
    memory,
    ...tally(rs),
  });
  const groups = (['discrete', 'unified'] as const)
    .map((memory) =>
      of(
        memory,
        ratios.filter((r) => r.unified === (memory === 'unified')),
      ),
    )
    .filter((r) => r.figures >= TRACK_RECORD_MIN_FIGURES);
  return ratios.length > 0 ? [...groups, of(null, ratios)] : groups;
}

/**
 * The local model's record that stands for a machine: its kind of memory when that has
 * TRACK_RECORD_MIN_FIGURES runs, else every home run; null without records.
 */
export function localTrackRecordFor(
  unified: boolean,
  records: readonly LocalTrackRecord[] = LOCAL_TRACK_RECORDS,
): LocalTrackRecord | null {
  const memory = unified ? 'unified' : 'discrete';
  return (
    records.find((x) => x.memory === memory && x.figures >= TRACK_RECORD_MIN_FIGURES) ??
    records.find((x) => x.memory === null) ??
    null
  );
}

/**
 * The local model's record for a machine in words (localTrackRecordFor): unified memory or a
 * discrete GPU beside RAM, else every home run; null without records.
 *
 * @example formatLocalTrackRecord(false)
 * // 'home runs on a GPU beside system RAM: 11 of 11 published decode speeds (11 runs) are within
 * //  ×1.5 of the explorer’s, 11 within ×2; on geometric mean the explorer reads 2% above them'
 */
export function formatLocalTrackRecord(
  unified: boolean,
  records: readonly LocalTrackRecord[] = LOCAL_TRACK_RECORDS,
): string | null {
  const r = localTrackRecordFor(unified, records);
  if (!r) return null;
  const machines = unified ? 'a unified memory pool' : 'a GPU beside system RAM';
  const scope =
    r.memory !== null ? `home runs on ${machines}` : `every home run (too few on ${machines})`;
  return `${scope}: ${r.within15} of ${r.figures} published decode speeds (${r.deployments} runs) are within ×1.5 of the explorer’s, ${r.within2} within ×2; ${lean(r.geometricMean)}`;
}
