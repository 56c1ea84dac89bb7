/** The option table of `train`: the run, its throughput, its layout and fine-tuning. */
import { HELP_OPTION, HUB_GROUP, hubOptions, type CliOption } from './options.ts';

const RUN = 'the run';
const SPEED = 'throughput (default: from precision, model size and device; see --json throughput)';
const LAYOUT = 'layout and memory';
const FINETUNE = 'fine-tuning';

export const TRAIN_DEFAULTS = {
  gpu: 'h100-sxm',
  gpus: 8,
  precision: 'bf16',
  seqLen: 8192,
  microBatch: 1,
} as const;

export const TRAIN_OPTIONS: readonly CliOption[] = [
  {
    group: RUN,
    name: 'tokens',
    arg: 'N',
    help: 'tokens to train on: 40T (4e13), 15.6T, 500B, 1e12; required',
  },
  { group: RUN, name: 'gpu', arg: 'ID', default: TRAIN_DEFAULTS.gpu, help: 'the device' },
  {
    group: RUN,
    name: 'gpus',
    arg: 'N',
    range: [1, 1_048_576],
    integer: true,
    default: String(TRAIN_DEFAULTS.gpus),
    help: 'GPUs in the job',
  },
  {
    group: RUN,
    name: 'precision',
    arg: 'P',
    default: TRAIN_DEFAULTS.precision,
    help: 'matmul precision: bf16 or fp8',
  },
  {
    group: RUN,
    name: 'seq-len',
    arg: 'N',
    range: [1, 16_777_216],
    integer: true,
    default: String(TRAIN_DEFAULTS.seqLen),
    help: 'tokens per sequence',
  },
  {
    group: RUN,
    name: 'gpu-hour-usd',
    arg: 'USD',
    range: [0, 1e6],
    default: "the device's catalog price",
    help: 'price of one GPU-hour',
  },
  {
    group: SPEED,
    name: 'mfu',
    arg: 'F',
    range: [0.001, 1],
    help: "achieved FLOP/s over the device's peak at the precision",
  },
  {
    group: SPEED,
    name: 'tflops',
    arg: 'X',
    range: [0.001, 1e5],
    help: 'achieved model TFLOP/s per GPU (instead of --mfu)',
  },
  ...(['tp', 'pp', 'ep', 'cp'] as const).map((name): CliOption => ({
    group: LAYOUT,
    name,
    arg: 'N',
    range: [1, 65_536],
    integer: true,
    default: '1',
    help: { tp: 'tensor', pp: 'pipeline', ep: 'expert', cp: 'context' }[name] + ' parallel size',
  })),
  {
    group: LAYOUT,
    name: 'zero',
    arg: 'N',
    range: [0, 3],
    integer: true,
    default: '1',
    help: 'ZeRO stage over the data-parallel group (0 to 3)',
  },
  {
    group: LAYOUT,
    name: 'micro-batch',
    arg: 'N',
    range: [1, 65_536],
    integer: true,
    default: String(TRAIN_DEFAULTS.microBatch),
    help: 'sequences per micro-batch',
  },
  {
    group: LAYOUT,
    name: 'recompute',
    arg: 'MODE',
    default: 'selective (full when fine-tuning)',
    help: 'activation recomputation: none, selective or full',
  },
  {
    group: FINETUNE,
    name: 'finetune',
    arg: 'METHOD',
    help: 'full, lora or qlora; absent: pre-training',
  },
  {
    group: FINETUNE,
    name: 'lora-rank',
    arg: 'R',
    range: [1, 65_536],
    integer: true,
    default: '16',
    help: 'LoRA rank (with --finetune lora or qlora)',
  },
  ...hubOptions(HUB_GROUP),
  { name: 'json', help: 'print one JSON object' },
  HELP_OPTION,
];
