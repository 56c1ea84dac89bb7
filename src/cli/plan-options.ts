/** The option table of `plan`: the workload, its targets, and what the search may use. */
import { DEFAULT_PLAN_DEVICES, DEFAULT_PLAN_MAX_GPUS, LIMITS } from '../lib/core/index.ts';
import { HELP_OPTION, HUB_GROUP, hubOptions, type CliOption } from './options.ts';

const WORKLOAD = 'workload (lengths: a number, or percentiles such as p50=1000,p90=4000,p99=8000)';
const TARGETS = 'targets';
const SEARCH = 'search';

export const PLAN_OPTIONS: readonly CliOption[] = [
  { group: WORKLOAD, name: 'input', arg: 'TOKENS', help: 'prompt tokens per request; required' },
  { group: WORKLOAD, name: 'output', arg: 'TOKENS', help: 'output tokens per request; required' },
  {
    group: WORKLOAD,
    name: 'rate',
    arg: 'R',
    range: [1e-6, 1e9],
    help: 'requests per second to the whole fleet (or --users)',
  },
  {
    group: WORKLOAD,
    name: 'users',
    arg: 'N',
    range: [1, LIMITS.batch],
    integer: true,
    help: 'concurrent users, each waiting on one request (or --rate)',
  },
  {
    group: TARGETS,
    name: 'ttft',
    arg: 'S',
    range: [1e-6, 86_400],
    help: 'longest mean time to first token, seconds',
  },
  {
    group: TARGETS,
    name: 'tpot',
    arg: 'S',
    range: [1e-6, 3600],
    help: 'longest mean time per output token, seconds',
  },
  {
    group: TARGETS,
    name: 'tps-user',
    arg: 'X',
    range: [1e-6, 1e6],
    help: 'slowest output tokens/s per user (1 / tpot)',
  },
  {
    group: SEARCH,
    name: 'devices',
    arg: 'IDS',
    default: DEFAULT_PLAN_DEVICES.join(','),
    help: 'devices to search, comma-separated',
  },
  {
    group: SEARCH,
    name: 'max-gpus',
    arg: 'N',
    range: [1, 4096],
    integer: true,
    default: String(DEFAULT_PLAN_MAX_GPUS),
    help: 'most devices of one replica (and of one prefill pool); powers of two up to it',
  },
  {
    group: SEARCH,
    name: 'gpu-hour-usd',
    arg: 'PRICES',
    default: "the catalog's",
    help: 'price per device-hour: one for all (2.5) or per device (h100-sxm=2.2,b200=5)',
  },
  {
    group: SEARCH,
    name: 'engine',
    arg: 'ID',
    default: 'vllm',
    help: 'vllm, sglang, trtllm or llamacpp',
  },
  {
    group: SEARCH,
    name: 'weights',
    arg: 'FMTS',
    default: "the checkpoint's, and fp8 on fp8 devices",
    help: 'formats of the non-expert weights, comma-separated',
  },
  {
    group: SEARCH,
    name: 'expert-weights',
    arg: 'FMTS',
    default: 'each weights format',
    help: 'formats of the routed experts, comma-separated (e.g. fp8,nvfp4)',
  },
  {
    group: SEARCH,
    name: 'kv-dtypes',
    arg: 'FMTS',
    default: 'bf16,fp8',
    help: 'KV cache formats, comma-separated',
  },
  {
    group: SEARCH,
    name: 'colocated',
    help: 'only deployments that prefill and decode on the same devices',
  },
  {
    group: SEARCH,
    name: 'frontier',
    arg: 'N',
    range: [0, 10_000],
    integer: true,
    default: '12',
    help: 'frontier points the summary lists (--json lists all)',
  },
  ...hubOptions(HUB_GROUP),
  { group: 'output', name: 'json', help: 'print one JSON object' },
  HELP_OPTION,
];
