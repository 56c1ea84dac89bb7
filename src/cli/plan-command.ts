/**
 * `plan`: the cheapest deployment for a workload and its targets, with the frontier of tokens/s
 * per device against tokens/s per user over every deployment searched (core planner/).
 */
import {
  ConfigError,
  countParams,
  DEVICE_IDS,
  ENGINE_IDS,
  findDevice,
  formatUsd,
  KV_DTYPES,
  planDeployments,
  WEIGHT_FORMATS,
  type Device,
  type DeploymentPlan,
  type EngineId,
  type KvDtype,
  type ModelSpec,
  type PlannedDeployment,
  type PlanOptions,
  type PlanWorkload,
  type TokenLengths,
  type WeightFormatId,
} from '../lib/core/index.ts';
import { numberOption } from './args.ts';
import { findOption } from './options.ts';
import { PLAN_OPTIONS } from './plan-options.ts';
import { printable } from './printable.ts';
import { UsageError } from './usage-error.ts';

const PERCENTILE = /^p(\d+(?:\.\d+)?)=(\d+)$/i;

/** --input / --output: a whole number of tokens, or percentiles `p50=1000,p99=8000`. */
export function lengthsOption(options: Map<string, string>, name: string): TokenLengths {
  const text = options.get(name);
  if (text === undefined)
    throw new UsageError(`--${name} is required: tokens per request, e.g. 2000`);
  if (/^\d+$/.test(text.trim())) return Number(text);
  const percentiles: Record<number, number> = {};
  for (const part of text.split(',')) {
    const m = PERCENTILE.exec(part.trim());
    if (!m)
      throw new UsageError(
        `--${name}: expected tokens (2000) or percentiles (p50=1000,p90=4000), got ${JSON.stringify(text)}`,
      );
    percentiles[Number(m[1])] = Number(m[2]);
  }
  return percentiles;
}

/** A comma-separated list, each item one of `allowed`. */
function listOption<T extends string>(
  options: Map<string, string>,
  name: string,
  allowed: readonly string[],
): T[] | undefined {
  const text = options.get(name);
  if (text === undefined) return undefined;
  const items = text.split(',').map((s) => s.trim().toLowerCase());
  for (const item of items)
    if (!allowed.includes(item))
      throw new UsageError(
        `--${name}: expected a list of ${allowed.join(', ')}, got ${JSON.stringify(item)}`,
      );
  return items as T[];
}

function devicesOption(options: Map<string, string>): Device[] | undefined {
  const ids = options.get('devices');
  if (ids === undefined) return undefined;
  return ids.split(',').map((id) => {
    const device = findDevice(id.trim());
    if (!device)
      throw new UsageError(
        `--devices: expected ids among ${DEVICE_IDS.join(', ')}, got ${JSON.stringify(id)}`,
      );
    return device;
  });
}

/** --gpu-hour-usd: one price for every device, or `id=price` pairs. */
function pricesOption(
  options: Map<string, string>,
  devices: readonly string[],
): Record<string, number> | undefined {
  const text = options.get('gpu-hour-usd');
  if (text === undefined) return undefined;
  const price = (s: string) => {
    const usd = /^\d+(\.\d+)?$/.test(s.trim()) ? Number(s) : NaN;
    if (!(usd >= 0 && usd <= 10_000))
      throw new UsageError(
        `--gpu-hour-usd: expected dollars from 0 to 10,000, got ${JSON.stringify(s)}`,
      );
    return usd;
  };
  if (!text.includes('=')) return Object.fromEntries(devices.map((id) => [id, price(text)]));
  const prices: Record<string, number> = {};
  for (const pair of text.split(',')) {
    const [id, usd] = pair.split('=');
    const device = findDevice((id ?? '').trim());
    if (!device || usd === undefined)
      throw new UsageError(
        `--gpu-hour-usd: expected device=price pairs, got ${JSON.stringify(pair)}`,
      );
    prices[device.id] = price(usd);
  }
  return prices;
}

/** The workload and the search options of the command line, every flag checked. */
export function planArgs(options: Map<string, string>): {
  workload: PlanWorkload;
  search: PlanOptions;
} {
  const number = (name: string) => numberOption(options, findOption(PLAN_OPTIONS, name));
  const rate = number('rate');
  const users = number('users');
  if (rate !== undefined && users !== undefined)
    throw new UsageError('give --rate or --users, not both');
  const tpot = number('tpot');
  const tps = number('tps-user');
  if (tpot !== undefined && tps !== undefined)
    throw new UsageError('give --tpot or --tps-user, not both');
  const ttft = number('ttft');
  const engine = options.get('engine') ?? 'vllm';
  if (!ENGINE_IDS.includes(engine as EngineId))
    throw new UsageError(
      `--engine: expected one of ${ENGINE_IDS.join(', ')}, got ${JSON.stringify(engine)}`,
    );
  const devices = devicesOption(options);
  const maxGpus = number('max-gpus');
  const prices = pricesOption(options, (devices ?? []).map((d) => d.id).concat(DEVICE_IDS));
  const weights = listOption<WeightFormatId>(options, 'weights', Object.keys(WEIGHT_FORMATS));
  const expertWeights = listOption<WeightFormatId>(
    options,
    'expert-weights',
    Object.keys(WEIGHT_FORMATS),
  );
  const kvDtypes = listOption<KvDtype>(options, 'kv-dtypes', KV_DTYPES);
  const workload: PlanWorkload = {
    inputTokens: lengthsOption(options, 'input'),
    outputTokens: lengthsOption(options, 'output'),
    ...(rate !== undefined ? { rate } : {}),
    ...(users !== undefined ? { users } : {}),
    targets: {
      ...(ttft !== undefined ? { ttftSeconds: ttft } : {}),
      ...(tpot !== undefined ? { tpotSeconds: tpot } : {}),
      ...(tps !== undefined ? { tokensPerSecondPerUser: tps } : {}),
    },
  };
  const search: PlanOptions = {
    engine: engine as EngineId,
    disaggregated: !options.has('colocated'),
    formats: {
      ...(weights ? { weights } : {}),
      ...(expertWeights ? { expertWeights } : {}),
      ...(kvDtypes ? { kvDtypes } : {}),
    },
    ...(devices ? { devices } : {}),
    ...(maxGpus !== undefined ? { maxGpus } : {}),
    ...(prices ? { usdPerDeviceHour: prices } : {}),
  };
  return { workload, search };
}

/**
 * A core error as the command line says it: the flag (`--max-gpus`), or for a length given as
 * percentiles the flag and the percentile (`--input p90`).
 */
function flagError(error: ConfigError): string {
  const [first, ...rest] = error.field.split(' ');
  const lengths = first === 'input' || first === 'output';
  const flag = lengths ? [`--${first}`, ...rest].join(' ') : `--${error.field.replace(/ /g, '-')}`;
  return `${flag}: expected ${error.expected}, got ${String(error.value)}`;
}

/** Runs `plan`: one JSON object, or a readable summary. */
export function planCommand(spec: ModelSpec, options: Map<string, string>, json: boolean): string {
  const { workload, search } = planArgs(options);
  let plan: DeploymentPlan;
  try {
    plan = planDeployments(spec, workload, search, countParams(spec));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(flagError(error));
    throw error;
  }
  if (json)
    return JSON.stringify(
      {
        model: spec.name,
        searched: plan.searched,
        cheapest: plan.cheapest,
        message: plan.message,
        frontier: plan.frontier,
        costFrontiers: plan.costFrontiers,
        workload: plan.workload,
      },
      (_, v: unknown) => (v === Infinity ? null : v),
      2,
    );
  const shown = numberOption(options, findOption(PLAN_OPTIONS, 'frontier')) ?? 12;
  return summary(spec, plan, shown);
}

/** "1 GPU", "8,388,608 GPUs". */
const n = (count: number, what: string) =>
  `${count.toLocaleString('en-US')} ${what}${count === 1 ? '' : 's'}`;

/** "8 x H200 TP 8 EP 1 PP 1, fp8/fp8 KV bf16, batch 64" with its prefill pool when it has one. */
function line(d: PlannedDeployment): string {
  const experts =
    d.expertWeights === d.weights ? d.weights : `${d.weights}, experts ${d.expertWeights}`;
  const p = d.prefill;
  const pool = p
    ? `; prefill: ${n(p.replicas, 'replica')} of ${n(p.gpus, 'GPU')} (TP ${p.tp}, EP ${p.ep}) per ${n(p.decodeReplicas, 'decode replica')}`
    : '';
  return `${d.gpus} x ${d.deviceName} (TP ${d.tp}, EP ${d.ep}, PP ${d.pp}; ${experts}, KV ${d.kvDtype}), batch ${d.batch}${pool}`;
}

function rates(d: PlannedDeployment): string {
  const f = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 2 : 0 });
  return `${f(d.tokensPerSecondPerGpu)} tok/s per GPU, ${f(d.tokensPerSecondPerUser)} tok/s per user, TTFT ${d.ttftSeconds.toFixed(2)} s, ${formatUsd(d.costPerMillionOutputTokens)} per M output`;
}

/** At most `n` items of a list, evenly spaced from its first to its last. */
export function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  if (n <= 1) return items.slice(0, n);
  return Array.from(
    { length: n },
    (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]!,
  );
}

function summary(spec: ModelSpec, plan: DeploymentPlan, shown: number): string {
  const out = [
    `${printable(spec.name)}: ${plan.searched.toLocaleString('en-US')} deployments searched`,
  ];
  const c = plan.cheapest;
  if (c) {
    out.push(`cheapest  ${line(c)}`, `          ${rates(c)}; binds: ${c.binds}`);
    if (c.fleet)
      out.push(
        `          fleet: ${c.fleet.units.toLocaleString('en-US')} x ${c.unitGpus} = ${n(c.fleet.gpus, 'GPU')}, ${formatUsd(c.fleet.usdPerHour)} per hour`,
      );
    out.push(`          serve flags: ${c.serveArgs.join(' ')}`);
  } else out.push(plan.message ?? 'no deployment');
  const points = spread(plan.frontier, shown);
  const of = points.length < plan.frontier.length ? `, ${points.length} of them evenly spaced` : '';
  out.push(`frontier (tok/s per GPU against tok/s per user), ${plan.frontier.length} points${of}:`);
  for (const d of points) out.push(`  ${rates(d)}  ${line(d)}`);
  return out.join('\n');
}
