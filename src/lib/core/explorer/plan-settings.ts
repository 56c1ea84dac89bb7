/**
 * The Plan view's settings as data (issue 15): the workload (prompt and answer lengths, users or
 * a request rate), its targets (tokens/s per user, time to first token) and the search (devices,
 * most GPUs per replica, prices, engine, separate prefill and decode pools), their fields' ranges,
 * and the planner's request they make (planner/plan.ts `planDeployments`).
 */
import { ConfigError } from '../model/errors.ts';
import { DEFAULT_PLAN_DEVICES, DEFAULT_PLAN_MAX_GPUS, type PlanOptions } from '../planner/plan.ts';
import type { PlanWorkload } from '../planner/workload.ts';
import type { EngineId } from '../serving/engines.ts';
import { DEVICES, type Device } from '../serving/hardware.ts';
import type { ControlRange } from './controls.ts';

export type PlanTraffic = 'users' | 'rate';

export interface PlanSettings {
  /** Prompt tokens of every request. */
  inputTokens: number;
  /** Answer tokens of every request. */
  outputTokens: number;
  /** Which of `users` and `rate` sets the traffic. */
  traffic: PlanTraffic;
  /** Users each waiting on one request at a time. */
  users: number;
  /** Requests per second arriving at the fleet. */
  rate: number;
  /** Slowest acceptable output tokens/s per user; 0: no target. */
  tokensPerSecondPerUser: number;
  /** Longest acceptable time to first token, seconds; 0: no target. */
  ttftSeconds: number;
  /** Data-centre device ids searched. */
  devices: readonly string[];
  /** Most devices of one replica. */
  maxGpus: number;
  /** $ per device-hour by device id, where it differs from the catalog's. */
  prices: Readonly<Record<string, number>>;
  engine: EngineId;
  /** Also search separate prefill and decode pools. */
  disaggregated: boolean;
}

/**
 * 64 users with 1,024-token prompts and answers, each to see 30 tokens/s and a first token within
 * 2 s, on the InferenceMAX devices (planner/plan.ts DEFAULT_PLAN_DEVICES), up to 16 GPUs a replica.
 */
export const DEFAULT_PLAN: Readonly<PlanSettings> = {
  inputTokens: 1024,
  outputTokens: 1024,
  traffic: 'users',
  users: 64,
  rate: 1,
  tokensPerSecondPerUser: 30,
  ttftSeconds: 2,
  devices: DEFAULT_PLAN_DEVICES,
  maxGpus: DEFAULT_PLAN_MAX_GPUS,
  prices: {},
  engine: 'vllm',
  disaggregated: true,
};

export type PlanNumberField =
  | 'inputTokens'
  | 'outputTokens'
  | 'users'
  | 'rate'
  | 'tokensPerSecondPerUser'
  | 'ttftSeconds'
  | 'maxGpus';

type Range = Omit<ControlRange, 'id' | 'group'>;

/** Each numeric setting's label, unit, hint and range: the fields' and the link's. */
export const PLAN_RANGES: Readonly<Record<PlanNumberField, Range>> = {
  inputTokens: {
    label: 'Prompt tokens',
    unit: 'tokens',
    hint: 'Input tokens of each request',
    min: 1,
    max: 1_048_576,
    step: 1,
    scale: 'log',
  },
  outputTokens: {
    label: 'Answer tokens',
    unit: 'tokens',
    hint: 'Output tokens of each request',
    min: 1,
    max: 1_048_576,
    step: 1,
    scale: 'log',
  },
  users: {
    label: 'Concurrent users',
    unit: 'users',
    hint: 'Each waits on one request at a time',
    min: 1,
    max: 65_536,
    step: 1,
    scale: 'log',
  },
  rate: {
    label: 'Requests per second',
    unit: 'req/s',
    hint: 'Arriving at the whole fleet',
    min: 0.01,
    max: 10_000,
    step: 0.01,
    scale: 'log',
  },
  tokensPerSecondPerUser: {
    label: 'Target tokens/s per user',
    unit: 'tokens/s',
    hint: 'Slowest acceptable answer speed; 0: none',
    min: 0,
    max: 2000,
    step: 1,
    scale: 'linear',
  },
  ttftSeconds: {
    label: 'Target time to first token (s)',
    unit: 's',
    hint: 'Longest acceptable wait; 0: none',
    min: 0,
    max: 120,
    step: 0.1,
    scale: 'linear',
  },
  maxGpus: {
    label: 'Most GPUs per replica',
    unit: 'GPUs',
    hint: 'Each pool of a replica',
    min: 1,
    max: 72,
    step: 1,
    scale: 'log',
  },
};

/** The data-centre devices the planner may search (the catalog's, not the local ones). */
export const PLAN_DEVICE_CHOICES: readonly Device[] = DEVICES;

/**
 * The workload the planner reads: a target of 0 is no target.
 *
 * @example planWorkload(DEFAULT_PLAN)
 *   // { inputTokens: 1024, outputTokens: 1024, users: 64,
 *   //   targets: { tokensPerSecondPerUser: 30, ttftSeconds: 2 } }
 */
export function planWorkload(s: PlanSettings): PlanWorkload {
  return {
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    ...(s.traffic === 'users' ? { users: s.users } : { rate: s.rate }),
    targets: {
      ...(s.tokensPerSecondPerUser > 0 && { tokensPerSecondPerUser: s.tokensPerSecondPerUser }),
      ...(s.ttftSeconds > 0 && { ttftSeconds: s.ttftSeconds }),
    },
  };
}

/**
 * The search the planner runs: the chosen devices (throws ConfigError naming an id the catalog
 * does not hold, or none chosen), their prices, the engine and whether pools may be separate.
 *
 * @example planOptions({ ...DEFAULT_PLAN, devices: ['h200'] }).devices?.[0]?.name // 'H200'
 */
export function planOptions(s: PlanSettings): PlanOptions {
  if (s.devices.length === 0) throw new ConfigError('devices', '[]', 'at least one device');
  const devices = s.devices.map((id) => {
    const device = PLAN_DEVICE_CHOICES.find((d) => d.id === id);
    if (!device) throw new ConfigError('devices', id, 'a data-centre device of the catalog');
    return device;
  });
  return {
    devices,
    maxGpus: s.maxGpus,
    usdPerDeviceHour: { ...s.prices },
    engine: s.engine,
    disaggregated: s.disaggregated,
  };
}

/** The price of a device in the plan: the settings' own, else the catalog's ($ per device-hour). */
export function planPrice(s: PlanSettings, device: Device): number {
  return s.prices[device.id] ?? device.usdPerHour;
}
