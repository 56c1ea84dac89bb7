import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/run.ts';
import { serveCommand } from '../../../src/cli/serve-command.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';
import {
  findDevice,
  findPreset,
  presetSpec,
  type LocalServingEstimate,
  trackRecordFor,
  localTrackRecordFor,
} from '../../../src/lib/core/index.ts';
import { usageError } from '../helpers/cli.ts';

const mixtral = presetSpec(findPreset('mixtral-8x7b')!);

describe('cli serve', () => {
  it.each([
    [['serve', 'llama4-scout', '--gpu', 'tpu-v9'], '--gpu: expected one of h100-sxm, h100-pcie'],
    [
      ['serve', 'llama4-scout', '--gpus', '-8'],
      '--gpus: expected an integer from 1 to 1,048,576, got "-8"',
    ],
    [
      ['serve', 'llama4-scout', '--gpus', '8', '--tp', '3'],
      '--tp: expected a divisor of the 8 devices per pipeline stage, got 3',
    ],
    [['serve', 'llama4-scout', '--weights', 'fp7'], '--weights: expected one of fp32, bf16'],
    [
      ['serve', 'llama4-scout', '--kv-dtype', 'int2'],
      '--kv-dtype: expected one of bf16, fp16, fp8, q8_0, q4_0, got "int2"',
    ],
    [
      ['serve', 'llama4-scout', '--kv-layout', 'paged'],
      '--kv-layout: expected one of hybrid, full',
    ],
    [
      ['serve', 'llama4-scout', '--context', 'lots'],
      '--context: expected a token count such as 131072, 128k (128,000), 128Ki (131,072) or 10M, got "lots"',
    ],
    [
      ['serve', 'llama4-scout', '--batch', '0'],
      '--batch: expected an integer from 1 to 1,073,741,824, got "0"',
    ],
    [
      ['serve', 'llama4-scout', '--gpu-hour-usd', 'free'],
      '--gpu-hour-usd: expected a number from 0 to 10,000, got "free"',
    ],
    [
      ['serve', 'llama4-scout', '--gpu-memory-gb', '80'],
      'a custom device needs --gpu-bandwidth-gbs and --gpu-tflops',
    ],
    [
      ['serve', 'llama4-scout', '--overlap', '3'],
      '--overlap: expected a number from 0 to 1, got "3"',
    ],
    [
      ['serve', 'llama4-scout', '--memory-utilization', '0'],
      '--memory-utilization: expected a number from 0.05 to 1',
    ],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(usageError(argv)).toContain(message);
  });

  const custom = ['--gpu-memory-gb', '80', '--gpu-bandwidth-gbs', '3000', '--gpu-tflops', '900'];
  it.each([
    [
      ['--gpu-memory-gb', '1e308', '--gpu-bandwidth-gbs', '3000', '--gpu-tflops', '900'],
      '--gpu-memory-gb: expected a number from 0.001 to 100,000, got "1e308"',
    ],
    [
      [...custom.slice(0, 4), '--gpu-tflops', 'Infinity'],
      '--gpu-tflops: expected a number from 0.001 to 1,000,000, got "Infinity"',
    ],
    [
      ['--gpu-bandwidth-gbs', '0x10', ...custom.slice(0, 2), ...custom.slice(4)],
      '--gpu-bandwidth-gbs: expected a number from 0.001 to 1,000,000, got "0x10"',
    ],
    [['--gpu-hour-usd='], '--gpu-hour-usd needs a value'],
    [['--gpu-hour-usd', ''], '--gpu-hour-usd needs a value'],
    [['--gpu-hour-usd', '-1'], '--gpu-hour-usd: expected a number from 0 to 10,000, got "-1"'],
    [['--gpus', '1e12'], '--gpus: expected an integer from 1 to 1,048,576, got "1e12"'],
    [['--gpus', '2.5'], '--gpus: expected an integer from 1 to 1,048,576, got "2.5"'],
    [['--gpus', 'NaN'], '--gpus: expected an integer from 1 to 1,048,576, got "NaN"'],
    [['--tp', '1e7'], '--tp: expected an integer from 1 to 1,048,576, got "1e7"'],
    [['--ep', '0'], '--ep: expected an integer from 1 to 1,048,576, got "0"'],
    [['--pp', '-1'], '--pp: expected an integer from 1 to 1,048,576, got "-1"'],
    [['--batch', '1e300'], '--batch: expected an integer from 1 to 1,073,741,824, got "1e300"'],
    [
      ['--max-batched-tokens', '1e20'],
      '--max-batched-tokens: expected an integer from 1 to 268,435,456, got "1e20"',
    ],
    [
      ['--max-num-seqs', '0'],
      '--max-num-seqs: expected an integer from 1 to 1,073,741,824, got "0"',
    ],
    [['--context', '1e12'], '--context: expected a token count from 1 to 268,435,456, got "1e12"'],
    [['--skew', '-Infinity'], '--skew: expected a number from 0 to 4, got "-Infinity"'],
  ])('finding 8: serve %j is refused: %s', (flags, message) => {
    expect(usageError(['serve', 'mixtral-8x7b', ...flags])).toBe(message);
  });

  it('finding 8: a custom device at the documented maximum still gives finite figures', () => {
    const out = JSON.parse(
      run([
        'serve',
        'mixtral-8x7b',
        ...['--gpu-memory-gb', '100000', '--gpu-bandwidth-gbs', '1e6', '--gpu-tflops', '1e6'],
        ...['--gpus', '1048576', '--ep', '8', '--gpu-hour-usd', '10000', '--json'],
      ]).stdout,
    );
    expect(out.deviceBytes).toBe(1e14);
    expect(out.usdPerDeviceHour).toBe(10_000);
    expect(Number.isFinite(out.decode.tokensPerSecond)).toBe(true);
  });

  it('--gpu-link-gbs sets a custom device’s link to its peers, and is refused beside --gpu', () => {
    const outside = (...link: string[]) =>
      JSON.parse(run(['serve', 'mixtral-8x7b', ...custom, ...link, '--gpus', '4', '--json']).stdout)
        .perDevice.runtime.outside /
      2 ** 30;
    expect(outside()).toBe(0.5); // PCIe's 64 GB/s by default: few NCCL channels (engines.ts outsideBytes)
    expect(outside('--gpu-link-gbs', '450')).toBe(2.5); // NVLink
    expect(usageError(['serve', 'mixtral-8x7b', '--gpu-link-gbs', '450'])).toBe(
      '--gpu-link-gbs describes a custom device: give it with --gpu-memory-gb, --gpu-bandwidth-gbs and --gpu-tflops',
    );
  });

  it('--max-num-seqs sets the sequences vLLM profiles its sampler over, and KV gets the rest', () => {
    const kv = (...flags: string[]) => {
      const out = JSON.parse(
        run(['serve', 'gpt-oss-120b', '--gpu', 'h100-sxm', ...flags, '--json']).stdout,
      );
      return {
        tokens: out.kvCapacityTokens as number,
        sequences: out.assumptions.memory.maxSequences,
      };
    };
    const byDefault = kv();
    const six = kv('--max-num-seqs', '6');
    expect(byDefault.sequences).toBe(1024); // vLLM's default on an H100 (engines.ts vllmDefaults)
    expect(six.sequences).toBe(6);
    // 1,018 fewer sampler rows of 201,088 FP32 logits and their temporaries, 39 bytes each
    // (engines.ts SAMPLER_BYTES_PER_LOGIT), become KV: 36,864 bytes a token for gpt-oss-120b's
    // 18 full-attention layers, less the forward pass's peak, which now sets the profile.
    expect(six.tokens).toBeGreaterThan(byDefault.tokens + 100_000);
  });

  it('serve --json has the documented top-level fields, with integer bytes', () => {
    const out = JSON.parse(
      run([
        'serve',
        'llama4-scout',
        '--gpu',
        'h100-sxm',
        '--gpus',
        '8',
        '--context',
        '1Mi',
        '--json',
      ]).stdout,
    );
    for (const key of [
      'weightsBytes',
      'kvBytesPerToken',
      'kvBytes',
      'totalBytes',
      'perDeviceBytes',
      'deviceBytes',
      'maxContextTokens',
    ]) {
      expect(Number.isSafeInteger(out[key]), key).toBe(true);
    }
    expect(typeof out.fits).toBe('boolean');
    expect(out.decode.tokensPerSecond).toBeGreaterThan(0);
    expect(out.decode.stepSeconds).toBeGreaterThan(0);
    expect(out.prefill.tokensPerSecond).toBeGreaterThan(0);
    expect(out.costPerMillionOutputTokens).toBeGreaterThan(0);
    // 1M = 2^20 tokens; Scout hybrid: 12 global layers x 4096 B x 2^20 + 36 chunked layers x 8192 x 4096 B
    expect(out.kvBytes).toBe(12 * 4096 * 2 ** 20 + 36 * 8192 * 4096);
  });

  it('serve applies the assumptions it is given and reports them', () => {
    const args = ['serve', 'llama4-scout', '--gpus', '8', '--json'];
    const base = JSON.parse(run(args).stdout);
    const slower = JSON.parse(run([...args, '--bandwidth-efficiency', '0.35']).stdout);
    expect(slower.assumptions.efficiency).toMatchObject({ bandwidth: 0.35, compute: 0.45 });
    expect(slower.decode.tokensPerSecond).toBeLessThan(base.decode.tokensPerSecond);
    const noOverhead = JSON.parse(run([...args, '--layer-overhead-us', '0']).stdout);
    expect(noOverhead.decode.overheadSeconds).toBe(0);
    expect(noOverhead.decode.tokensPerSecond).toBeGreaterThan(base.decode.tokensPerSecond);
    const tight = JSON.parse(run([...args, '--memory-utilization', '0.5']).stdout);
    expect(tight.deviceBudgetBytes).toBe(Math.floor(tight.deviceBytes * 0.5));
    expect(base.kvLayouts.full.kvBytesPerToken).toBe(196_608); // 48 layers x 4096 B
  });

  it('serve takes a custom device by its numbers', () => {
    const out = JSON.parse(
      run([
        'serve',
        'mixtral-8x7b',
        '--gpu-memory-gb',
        '128',
        '--gpu-bandwidth-gbs',
        '1000',
        '--gpu-tflops',
        '100',
        '--json',
      ]).stdout,
    );
    expect(out.deviceBytes).toBe(128e9);
    expect(out.fits).toBe(true);
    // A custom device has no published runs: vLLM's on any device stand for it (track-record.ts).
    expect(out.trackRecord).toMatchObject({ engine: 'vllm', device: null });
  });

  it('serve prints a readable summary without --json', () => {
    // 673 GB of FP8 weights on 8 x 80 GB: nothing runs, so no speed and no price (as the page)
    const { stdout } = run(['serve', 'deepseek-v3', '--gpu', 'h100-sxm', '--gpus', '8']);
    expect(stdout).toContain('does NOT fit');
    expect(stdout).toContain(
      '\nspeed     none: not one sequence fits at this context, so nothing runs (no speed, no price; --json has the figures as if it did)\n',
    );
    expect(stdout).not.toMatch(/^(decode|prefill|cost) /m);
    const ran = run(['serve', 'deepseek-v3', '--gpu', 'h200', '--gpus', '8']).stdout;
    expect(ran).toMatch(/\ndecode {4}[\d,.]+ tokens\/s .*\nprefill .*\ncost {6}\$/);
    // MLA on every layer, no window: the two KV layouts keep the same tokens.
    expect(stdout).toContain('KV layouts: the same, as no layer has a window');
  });

  it('serve says how close it came to published runs of the engine on the device, summary and JSON', () => {
    const args = ['serve', 'llama4-scout', '--gpus', '8', '--engine', 'sglang', '--gpu', 'b200'];
    // The record is TRACK_RECORDS' (tests/unit/core/serving/track-record.test.ts derives one).
    expect(run(args).stdout).toMatch(
      /\nrecord {4}SGLang on NVIDIA B200 180GB: \d+ of \d+ published decode speeds \(\d+ deployments\) are within ×1\.5 of the explorer’s, \d+ within ×2; on geometric mean the explorer (reads \d+% (above|below)|matches) them \(README, VALIDATION\)\n?$/,
    );
    const json = JSON.parse(run([...args, '--json']).stdout);
    expect(json.trackRecord).toEqual(trackRecordFor('sglang', 'b200'));
    expect(json.trackRecord).toMatchObject({ engine: 'sglang', device: 'b200' });
  });

  it('serve gives both KV layouts where layers have a window: Llama 4 Scout at 1M tokens', () => {
    const { stdout } = run(['serve', 'llama4-scout', '--gpus', '8', '--context', '1000000']);
    // 12 global layers x 4,096 B per token, the 36 chunked ones at most 8,192 tokens each, against
    // all 48 layers x 4,096 B per token (tests/fixtures/serving-cases.json scout-kv-*).
    expect(stdout).toContain(
      'KV layouts: hybrid 50.4 GB, full 196.6 GB at this context and batch; stored: hybrid',
    );
  });

  it('serve says which KV layout it stores: TensorRT-LLM’s full one unless --kv-layout is given', () => {
    const at = (...extra: string[]) =>
      run(['serve', 'llama4-scout', '--gpus', '8', '--context', '1000000', ...extra]).stdout;
    expect(at('--engine', 'trtllm')).toContain('; stored: full');
    expect(at('--engine', 'trtllm', '--kv-layout', 'hybrid')).toContain('; stored: hybrid');
  });
});

describe('serveCommand', () => {
  it('serveCommand(spec, no options, json) is the estimate on one H100 SXM, named by the model', () => {
    const out = JSON.parse(serveCommand(mixtral, new Map(), true));
    expect(out.model).toBe('Mixtral 8x7B');
    expect(out.deviceBytes).toBe(findDevice('h100-sxm')!.memoryBytes);
    expect(out.layout).toMatchObject({ devices: 1, tp: 1, ep: 1, pp: 1 });
    expect(out.weightsBytes).toBe(93_405_585_408); // 46,702,792,704 BF16 parameters
  });

  it.each([
    [[], { tp: 1, ep: 1, pp: 4 }], // llama.cpp's --split-mode layer (default), one stage a GPU
    [[['tp', '4']], { tp: 4, ep: 1, pp: 1 }], // its --split-mode row
    [[['pp', '2']], { tp: 2, ep: 1, pp: 2 }],
  ])('serveCommand under llama.cpp on 4 GPUs with %j lays them out as %j', (given, layout) => {
    const options = new Map([
      ['engine', 'llamacpp'],
      ['gpu', 'rtx-3090'],
      ['gpus', '4'],
      ['weights', 'q4_k_m'],
      ...(given as [string, string][]),
    ]);
    expect(JSON.parse(serveCommand(mixtral, options, true)).layout).toMatchObject(layout);
    options.set('engine', 'LlamaCpp'); // the engine's name in any case
    expect(JSON.parse(serveCommand(mixtral, options, true)).layout).toMatchObject(layout);
    options.set('engine', 'vllm');
    if (given.length === 0)
      expect(JSON.parse(serveCommand(mixtral, options, true)).layout).toMatchObject({ tp: 4 });
  });

  it('serveCommand takes device ids and formats in any case: H200, FP8', () => {
    const options = new Map([
      ['gpu', 'H200'],
      ['weights', 'FP8'],
    ]);
    const out = JSON.parse(serveCommand(mixtral, options, true));
    expect(out.deviceBytes).toBe(findDevice('h200')!.memoryBytes);
    expect(out.weightPlan.linear).toBe('fp8');
  });

  it('serveCommand refuses --gpu together with a custom device', () => {
    const options = new Map([
      ['gpu', 'h100-sxm'],
      ['gpu-memory-gb', '80'],
    ]);
    expect(() => serveCommand(mixtral, options, true)).toThrow(
      new UsageError(
        'give either --gpu or --gpu-memory-gb/--gpu-bandwidth-gbs/--gpu-tflops, not both',
      ),
    );
  });

  it('serveCommand turns a core ConfigError into a usage error on the option: --pp 3 on 8 GPUs', () => {
    const options = new Map([
      ['gpus', '8'],
      ['pp', '3'],
    ]);
    expect(() => serveCommand(mixtral, options, true)).toThrow(
      new UsageError('--pp: expected a divisor of the 8 devices, got 3'),
    );
  });

  it.each([
    [
      [
        ['nodes', '2'],
        ['gpus-per-node', '8'],
      ],
      'h100-sxm',
      16,
      2,
      8,
    ],
    [[['nodes', '2']], 'h100-sxm', 16, 2, 8], // an HGX node of 8
    [[['nodes', '2']], 'gb200', 8, 2, 4], // NVL72 trays of 4
    [
      [
        ['nodes', '2'],
        ['gpus', '8'],
      ],
      'h100-sxm',
      8,
      2,
      4,
    ], // --gpus given: split over the nodes
    [[['gpus', '16']], 'h100-sxm', 16, 2, 8],
  ])(
    'serveCommand: %j on %s is %i devices in %i nodes of %i',
    (given, gpu, devices, nodes, gpusPerNode) => {
      const options = new Map([['gpu', gpu], ...(given as [string, string][])]);
      const out = JSON.parse(serveCommand(mixtral, options, true));
      expect(out.layout).toMatchObject({ devices, nodes, gpusPerNode });
    },
  );

  it('serveCommand refuses --nodes that do not divide --gpus, naming both', () => {
    const options = new Map([
      ['gpus', '8'],
      ['nodes', '3'],
    ]);
    expect(() => serveCommand(mixtral, options, true)).toThrow(
      new UsageError('--nodes: expected a divisor of the 8 devices, got 3'),
    );
  });

  it('serveCommand reads --layer-overhead-us in microseconds', () => {
    const out = JSON.parse(serveCommand(mixtral, new Map([['layer-overhead-us', '20']]), true));
    expect(out.assumptions.efficiency.layerOverheadSeconds).toBeCloseTo(20e-6, 15);
  });

  it('serveCommand reads --context as a token count: 128Ki is 131,072 (128k would be 128,000)', () => {
    const out = JSON.parse(serveCommand(mixtral, new Map([['context', '128Ki']]), true));
    // 32 layers x 4096 B per token: Mixtral's KV cache at 131,072 tokens, one sequence
    expect(out.kvBytes).toBe(131_072 * 32 * 4096);
  });
});

describe('cli serve with system RAM (llama.cpp placement)', () => {
  const json = (argv: string[]) => JSON.parse(run(argv).stdout) as Record<string, unknown>;

  it('--cpu-moe: the experts in RAM; the JSON says where everything is and whether both sides fit', () => {
    const out = json(['serve', 'gpt-oss-120b', '--gpu', 'h100-pcie', '--cpu-moe', '--json']);
    expect(out).toMatchObject({ fits: true, fitsDevice: true, fitsHost: true });
    expect(out.hostMemoryBytes).toBe(64e9); // the default host: 64 GB of DDR5-5600
    const placement = out.placement as { layers: { experts: string; mixer: string }[] };
    expect(placement.layers).toHaveLength(36);
    expect(placement.layers.every((l) => l.experts === 'host' && l.mixer === 'device')).toBe(true);
    expect(out.hostBytes as number).toBeGreaterThan(60e9);
    const decode = out.decode as { tokensPerSecond: number };
    expect(decode.tokensPerSecond).toBeGreaterThan(15);
    expect(decode.tokensPerSecond).toBeLessThan(40);
    // The local model's track record: the home runs on a GPU beside RAM (issue 12's cases).
    expect(out.trackRecord).toEqual(localTrackRecordFor(false));
    expect(out.trackRecord).toMatchObject({ memory: 'discrete' });
  });

  it("the JSON's step, decode points, prices and assumptions are the local model's", () => {
    const out = json([
      'serve',
      'gpt-oss-120b',
      '--gpu',
      'rtx-4090',
      '--n-cpu-moe',
      '24',
      '--context',
      '8192',
      '--batch',
      '2',
      '--json',
    ]) as unknown as LocalServingEstimate;
    const d = out.decode;
    expect(d.seconds).toBe(d.stepSeconds);
    expect(d.tokensPerSecond).toBeCloseTo(2 / d.seconds, 9);
    expect(d.overheadSeconds).toBeCloseTo(36 * 40e-6, 12); // the local 40 us, not the kernel count
    expect(out.assumptions.efficiency).toMatchObject({ overlap: 0, layerOverheadSeconds: 40e-6 });
    expect(out.assumptions.local).toMatchObject({
      hostBandwidth: 0.4,
      gpuShare: null,
      ubatch: 512,
      host: { memoryBytes: 64e9, bandwidthBytesPerSecond: 89.6e9, linkBytesPerSecond: 31.5e9 },
    });
    expect(out.unified).toBe(false);
    expect(out.perDevice.totalBytes).toBe(out.deviceUsedBytes);
    expect(out.perHost.totalBytes).toBe(out.hostBytes);
    const one = json([
      'serve',
      'gpt-oss-120b',
      '--gpu',
      'rtx-4090',
      '--n-cpu-moe',
      '24',
      '--context',
      '8192',
      '--json',
    ]) as unknown as LocalServingEstimate;
    expect(out.decodeAt.batchOne.tokensPerSecond).toBeCloseTo(one.decode.tokensPerSecond, 9);
    expect(out.costPerMillionInputTokens).toBeCloseTo(
      (out.usdPerDeviceHour / 3600 / out.prefill.tokensPerSecond) * 1e6,
      9,
    );
  });

  it('--layer-overhead-us and --gpu-share reach the local model; the summary says what it assumed', () => {
    const out = json([
      'serve',
      'gpt-oss-120b',
      '--gpu',
      'm4-max-128gb',
      '--gpu-share',
      '0.9',
      '--layer-overhead-us',
      '20',
      '--json',
    ]) as unknown as LocalServingEstimate;
    expect(out.assumptions.efficiency.layerOverheadSeconds).toBeCloseTo(20e-6, 15);
    expect(out.assumptions.local.gpuShare).toBeCloseTo(0.9, 9);
    expect(out.unified).toBe(true);
    const text = run([
      'serve',
      'gpt-oss-120b',
      '--gpu',
      'm4-max-128gb',
      '--gpu-share',
      '0.9',
    ]).stdout;
    expect(text).toMatch(
      /^assumed {3}GPU bandwidth efficiency 0\.7, compute efficiency 0\.45, 0\.4 of the pool's 546 GB\/s peak for the CPU's part, CPU 1 TFLOP\/s, GPU share 0\.9 of the pool, micro-batch 512, 40 us per layer$/m,
    );
  });

  it('-ngl and -ot take llama.cpp spellings; --n-cpu-moe N counts the first layers', () => {
    const out = json([
      'serve',
      'qwen3-30b-a3b',
      '--gpu',
      'h100-pcie',
      '-ngl',
      '40',
      '-ot',
      'blk\\.4[0-9]\\.ffn_.*_exps=CPU',
      '--n-cpu-moe',
      '2',
      '--json',
    ]);
    const layers = (out.placement as { layers: { experts: string; mixer: string }[] }).layers;
    // -ngl 40 of 48 layers: the output and layers 9..47 on the GPU.
    expect(layers.filter((l) => l.mixer === 'host')).toHaveLength(9);
    const expertsOnHost = layers.flatMap((l, i) => (l.experts === 'host' ? [i] : []));
    expect(expertsOnHost).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 40, 41, 42, 43, 44, 45, 46, 47]);
  });

  it.each([
    [
      ['--override-tensor', 'exps=GPU0'],
      '--override-tensor: expected REGEX=CPU (only the CPU is modelled), got "exps=GPU0"',
    ],
    [['-ot', '(=CPU'], '--override-tensor: expected a regular expression (REGEX=CPU), got ('],
    [
      ['--pcie', 'gen9x16'],
      '--pcie: expected a link such as gen4x16 (gen3, gen4 or gen5; x1 to x16), got "gen9x16"',
    ],
    [['--n-cpu-moe', '-1'], '--n-cpu-moe: expected an integer from 0 to 4,096, got "-1"'],
    [['--cpu-moe', '--gpus', '2'], '--gpus: expected 1 with host memory, got 2'],
  ])('%j is refused with a message naming it', (flags, message) => {
    expect(usageError(['serve', 'gpt-oss-20b', ...flags])).toBe(message);
  });
});
