/**
 * The deployment planner: from a workload and its targets to the cheapest deployment that meets
 * them, with the frontier of output tokens/s per device against tokens/s per user (the
 * InferenceMAX chart, SemiAnalysis 2025) over every deployment searched.
 */
import { ConfigError } from '../model/errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { countParams, type ParamCount } from '../params/count.ts';
import { ENGINE_IDS, type EngineId } from '../serving/engines.ts';
import { findDevice, type Device } from '../serving/hardware.ts';
import { binding, cheapestPoint, costFrontiers, explorerFigures } from './cheapest.ts';
import { bestPools, bestUnit, promptKvBytes } from './disaggregate.ts';
import { missMessage, noFitMessage } from './plan-messages.ts';
import { paretoFrontier } from './pareto.ts';
import { planned, type PlanPoint, type PlannedDeployment } from './planned.ts';
import { resolveCandidate, scoreLayout, type PrefillPool } from './score.ts';
import {
  deviceCounts,
  formatsOf,
  layoutsOf,
  weightsFloorBytes,
  type LayoutCandidate,
  type PlanFormats,
} from './space.ts';
import { resolveWorkload, type PlanWorkload, type ResolvedWorkload } from './workload.ts';

/** The devices searched when none are named: the InferenceMAX set. */
export const DEFAULT_PLAN_DEVICES = ['h100-sxm', 'h200', 'b200', 'mi300x'] as const;
export const DEFAULT_PLAN_MAX_GPUS = 16;

export interface PlanOptions {
  /** Devices to search; DEFAULT_PLAN_DEVICES when absent. */
  devices?: readonly Device[];
  /** Most devices of one replica (each pool of a disaggregated unit); 16 when absent. */
  maxGpus?: number;
  /** $ per device-hour by device id; the catalog's for the rest. */
  usdPerDeviceHour?: Readonly<Record<string, number>>;
  engine?: EngineId;
  formats?: PlanFormats;
  /** Also search separate prefill and decode pools; true when absent. */
  disaggregated?: boolean;
}

export interface DeploymentPlan {
  workload: ResolvedWorkload;
  /** Pareto-optimal deployments on tokens/s per device against tokens/s per user, by per-user rate. */
  frontier: PlannedDeployment[];
  /** The deployment that meets every target at the lowest price; null when none does. */
  cheapest: PlannedDeployment | null;
  /** Why `cheapest` is null: the nearest miss; null when there is a cheapest. */
  message: string | null;
  /**
   * Per device, the deployments no other beats on both price (the fleet's $ per hour with a rate or
   * users, else $ per million output tokens: cheapest.ts `planPrice`) and tokens/s per user,
   * cheapest device first.
   */
  costFrontiers: { device: string; deviceName: string; points: PlannedDeployment[] }[];
  /** Candidate deployments scored: layouts at each batch, pools and ratios, and layouts that do not fit. */
  searched: number;
}

function price(device: Device, options: PlanOptions): number {
  const usd = options.usdPerDeviceHour?.[device.id] ?? device.usdPerHour;
  if (!Number.isFinite(usd) || usd < 0 || usd > 1e6)
    throw new ConfigError(
      `price of ${device.id}`,
      usd,
      'dollars per device-hour from 0 to 1,000,000',
    );
  return usd;
}

/** Every deployment scored, before the plan chooses among them. */
export interface Search {
  points: PlanPoint[];
  searched: number;
  /** The most memory-efficient layout that did not fit: weights per device over its memory. */
  nearestFit: { layout: LayoutCandidate; ratio: number } | null;
}

/** Every layout of one device and format: scored at its batches, plus its disaggregated units. */
function searchDevice(
  spec: ModelSpec,
  count: ParamCount,
  device: Device,
  w: ResolvedWorkload,
  options: PlanOptions,
  out: Search,
): void {
  const engine = options.engine ?? 'vllm';
  const usd = price(device, options);
  for (const f of formatsOf(spec, device, options.formats ?? {})) {
    const floor = weightsFloorBytes(count, spec, f);
    const pools: PrefillPool[] = [];
    const decodePoints: PlanPoint[] = [];
    for (const gpus of deviceCounts(options.maxGpus ?? DEFAULT_PLAN_MAX_GPUS)) {
      for (const l of layoutsOf(spec, device, gpus, engine)) {
        const layout: LayoutCandidate = { device, gpus, ...l, ...f };
        out.searched++;
        const ratio = floor / gpus / device.memoryBytes;
        if (ratio > 1) {
          noteMiss(out, layout, ratio);
          continue;
        }
        const r = resolveCandidate(spec, count, layout, w.fitContextTokens, engine, usd);
        if (!r) continue;
        const scored = scoreLayout(r, layout, w);
        if (scored.points.length === 0) noteMiss(out, layout, ratio);
        out.searched += Math.max(0, scored.points.length - 1);
        for (const p of scored.points) decodePoints.push(p);
        if (scored.pool) pools.push(scored.pool);
      }
    }
    for (const p of decodePoints) out.points.push(p);
    if (options.disaggregated === false) continue;
    const tried = { count: 0 };
    const best = bestPools(pools);
    const kvBytes =
      decodePoints.length > 0 ? promptKvBytes(spec, decodePoints[0]!.layout, w.inputTokens) : 0;
    for (const p of decodePoints) {
      const unit = bestUnit(kvBytes, p, best, w, tried);
      if (unit) out.points.push(unit);
    }
    out.searched += tried.count;
  }
}

function noteMiss(out: Search, layout: LayoutCandidate, ratio: number): void {
  if (!out.nearestFit || ratio < out.nearestFit.ratio) out.nearestFit = { layout, ratio };
}

function resolveDevices(options: PlanOptions): readonly Device[] {
  if (options.devices) {
    if (options.devices.length === 0) throw new ConfigError('devices', '[]', 'at least one device');
    return options.devices;
  }
  return DEFAULT_PLAN_DEVICES.map((id) => findDevice(id)!);
}

/** Scores every deployment the options allow for a resolved workload (planDeployments' search). */
export function searchDeployments(
  spec: ModelSpec,
  w: ResolvedWorkload,
  options: PlanOptions = {},
  count: ParamCount = countParams(spec),
): Search {
  const search: Search = { points: [], searched: 0, nearestFit: null };
  for (const device of resolveDevices(options))
    searchDevice(spec, count, device, w, options, search);
  return search;
}

/**
 * Plans the deployments of `spec` for a workload: searches every device, device count, layout,
 * format and batch (and disaggregated pools), then returns the frontier, the cheapest that meets
 * the targets (or the nearest miss) and the count of candidates. Throws ConfigError for a bad
 * workload or option.
 *
 * @example planDeployments(deepseekV3, { inputTokens: 1024, outputTokens: 1024, users: 64, targets: { tokensPerSecondPerUser: 30 } }).cheapest?.device
 */
export function planDeployments(
  spec: ModelSpec,
  workload: PlanWorkload,
  options: PlanOptions = {},
  count: ParamCount = countParams(spec),
): DeploymentPlan {
  const w = resolveWorkload(workload);
  const engine = options.engine ?? 'vllm';
  if (!ENGINE_IDS.includes(engine))
    throw new ConfigError('engine', engine, `one of ${ENGINE_IDS.join(', ')}`);
  const devices = resolveDevices(options);
  const search = searchDeployments(spec, w, options, count);
  const usdOf = (p: PlanPoint) => price(p.layout.device, options);
  const show = (p: PlanPoint) => planned(spec, p, w, engine, usdOf(p));
  const perGpu = (p: PlanPoint) => p.outputTokensPerSecond / p.unitGpus;
  const perUser = (p: PlanPoint) => p.tokensPerSecondPerUser;
  const frontier = paretoFrontier(search.points, perUser, perGpu).map(show);
  const best = cheapestPoint(search.points, w, usdOf);
  const cheapest = best
    ? {
        ...show(best),
        binds: binding(spec, count, best, w, engine, usdOf(best)),
        explorer: explorerFigures(spec, count, best, w, engine, usdOf(best)),
      }
    : null;
  const message = cheapest
    ? null
    : search.points.length === 0
      ? noFitMessage(spec, w, devices, options.maxGpus ?? DEFAULT_PLAN_MAX_GPUS, search.nearestFit)
      : missMessage(search.points, w, usdOf);
  return {
    workload: w,
    frontier,
    cheapest,
    message,
    costFrontiers: costFrontiers(search.points, w, usdOf, show),
    searched: search.searched,
  };
}
