import { describe, expect, it } from 'vitest';
import {
  formatBudgetPolicy,
  defaultConfig,
  ENGINE_IDS,
  ENGINE_RANGES,
  formatEngineMemoryNote,
  explain,
  formatBytes,
  formatKvCapacity,
  formatNodesNote,
  parseRanged,
  resolveExplorer,
  formatSpeculative,
  DEFAULT_HOST_SETTINGS,
  servingEngine,
  type DeploymentSettings,
} from '../../../../src/lib/core/index.ts';

function resolved(presetId: string, deployment: Partial<DeploymentSettings>) {
  const config = defaultConfig(presetId);
  config.deployment = { ...config.deployment, ...deployment };
  return resolveExplorer(config);
}

const dsv3 = (d: Partial<DeploymentSettings> = {}) =>
  resolved('deepseek-v3', { deviceId: 'h200', weights: 'fp8', ...d });

describe('formatEngineMemoryNote', () => {
  it('names each engine’s flag and its default on the device', () => {
    expect(formatEngineMemoryNote('sglang', { utilization: 0.897 })).toBe(
      'SGLang mem_fraction_static 0.897 (by device) of the memory free before loading',
    );
    expect(formatEngineMemoryNote('vllm', { utilization: 0.9 })).toBe(
      'vLLM gpu_memory_utilization 0.9 of the device',
    );
    expect(formatEngineMemoryNote('llamacpp', { utilization: 1 })).toBe(
      'llama.cpp allocates from the whole device',
    );
  });

  it('8 x H200 under SGLang resolves to its published default, 0.897 (server_args.py)', () => {
    const r = dsv3({ engine: 'sglang' });
    expect(r.resolved!.deployment.memory.utilization).toBe(0.897);
  });
});

describe('formatNodesNote', () => {
  it('says "2 nodes of 8" where the devices exceed a node, nothing within one', () => {
    expect(formatNodesNote(2, 8)).toBe('2 nodes of 8');
    expect(formatNodesNote(1, 8)).toBeNull();
    const layout = dsv3({ devices: 16 }).resolved!.deployment.layout;
    expect(formatNodesNote(layout.nodes, layout.gpusPerNode)).toBe('2 nodes of 8');
    const four = dsv3({ devices: 16, gpusPerNode: 4 }).resolved!.deployment.layout;
    expect(formatNodesNote(four.nodes, four.gpusPerNode)).toBe('4 nodes of 4');
  });
});

describe('parseRanged', () => {
  it.each([
    ['3', ENGINE_RANGES.draftTokens, 3],
    [' 0.8 ', ENGINE_RANGES.acceptance, 0.8],
    ['.5', ENGINE_RANGES.acceptance, 0.5],
    ['72', ENGINE_RANGES.gpusPerNode, 72],
  ])('reads %j', (text, range, value) => {
    expect(parseRanged(text, range)).toEqual({ value });
  });

  it.each([
    ['0', ENGINE_RANGES.draftTokens, 'Draft tokens: expected a whole number from 1 to 16, got "0"'],
    [
      '2.5',
      ENGINE_RANGES.draftTokens,
      'Draft tokens: expected a whole number from 1 to 16, got "2.5"',
    ],
    ['1.1', ENGINE_RANGES.acceptance, 'Acceptance rate: expected a number from 0 to 1, got "1.1"'],
    [
      'x',
      ENGINE_RANGES.gpusPerNode,
      'GPUs per node: expected a whole number from 1 to 72, got "x"',
    ],
  ])('refuses %j, naming the field, the value and the range', (text, range, error) => {
    expect(parseRanged(text, range)).toEqual({ error });
  });
});

describe('serving facts', () => {
  it('formatKvCapacity gives the pool in tokens, per replica, under the engine', () => {
    const serving = dsv3().serving!;
    expect(serving.kvCapacityTokens).toBeGreaterThan(0);
    expect(formatKvCapacity(serving)).toBe(
      `KV cache holds ${serving.kvCapacityTokens.toLocaleString('en-US')} tokens per replica under vLLM's memory policy.`,
    );
  });

  it('formatSpeculative: DeepSeek-V3 MTP at 85% gives 1.85 tokens per step; null when off', () => {
    expect(formatSpeculative(dsv3().serving!)).toBeNull();
    const serving = dsv3({
      speculative: { method: 'mtp', draftTokens: 1, acceptance: 0.85 },
    }).serving!;
    const s = serving.speculative!;
    expect(formatSpeculative(serving)).toMatch(
      new RegExp(
        `^MTP, 1 draft token at 85\\.0% acceptance: 1\\.85 tokens per step, ${s.speedup.toFixed(2)}× plain decode \\(`,
      ),
    );
    expect(s.speedup).toBeGreaterThan(1);
  });

  it('formatBudgetPolicy names each engine’s policy', () => {
    const bytes = (x: number) => formatBytes(x, 'GB');
    const texts = ENGINE_IDS.map((engine) => formatBudgetPolicy(dsv3({ engine }).serving!, bytes));
    expect(texts[0]).toBe('vLLM gpu_memory_utilization 0.9 × 150.8 GB');
    expect(texts[1]).toBe('SGLang mem_fraction_static 0.897 of 150.8 GB less its CUDA context');
    expect(texts[2]).toBe(
      'TensorRT-LLM: weights, activations and 0.9 of what they leave of 150.8 GB',
    );
    expect(texts[3]).toBe('llama.cpp: 150.8 GB less its CUDA context');
  });
});

describe('explain fits under each engine', () => {
  it.each([
    ['vllm', /× gpu_memory_utilization \(vLLM\)$/, / × 0\.9 = /],
    ['sglang', /^busiest device: weights \+ KV cache ≤ mem_fraction_static/, /0\.897 × \(/],
    ['trtllm', /free_gpu_memory_fraction/, /\+ 0\.9 × what they leave/],
    [
      'llamacpp',
      /compute buffer ≤ device memory less its CUDA context \(llama\.cpp\)$/,
      /less the context = /,
    ],
  ] as const)('%s', (engine, formula, substituted) => {
    const r = dsv3({ engine });
    const fits = explain(r.spec, r.count, r.serving, 'bf16', 'GB').fits;
    expect(fits.formula).toMatch(formula);
    expect(fits.substituted).toMatch(substituted);
    expect(fits.substituted).toContain(formatBytes(r.serving!.deviceBudgetBytes, 'GB'));
  });
});

describe('columnLabel with the engine settings', () => {
  it('names a non-default engine and MTP, and nothing for the defaults', async () => {
    const { columnLabel } = await import('../../../../src/lib/core/index.ts');
    const config = defaultConfig('deepseek-v3');
    config.deployment = { ...config.deployment, deviceId: 'h200', weights: 'fp8' };
    expect(columnLabel(config, null).deployment).toBe('8 × H200 · FP8');
    config.deployment = {
      ...config.deployment,
      engine: 'sglang',
      speculative: { method: 'mtp', draftTokens: 3, acceptance: 0.8 },
    };
    expect(columnLabel(config, null).deployment).toBe('8 × H200 · FP8 · SGLang · MTP 3');
    // With system RAM: llama.cpp, one token per step, whatever was chosen for the GPUs.
    config.deployment = { ...config.deployment, devices: 1, host: DEFAULT_HOST_SETTINGS };
    expect(columnLabel(config, null).deployment).toBe('1 × H200 · FP8 · llama.cpp');
  });
});

describe('servingEngine', () => {
  const mtp = { method: 'mtp' as const, draftTokens: 2, acceptance: 0.8 };
  const d = (more: Partial<DeploymentSettings>) => ({ ...defaultConfig().deployment, ...more });

  it('is the chosen engine and speculation on GPUs, vLLM and none when unset', () => {
    expect(servingEngine(d({}))).toEqual({ engine: 'vllm', speculative: null });
    expect(servingEngine(d({ engine: 'sglang', speculative: mtp }))).toEqual({
      engine: 'sglang',
      speculative: mtp,
    });
  });

  it('is llama.cpp without speculation with system RAM, whatever was chosen', () => {
    const local = d({ engine: 'sglang', speculative: mtp, host: DEFAULT_HOST_SETTINGS });
    expect(servingEngine(local)).toEqual({ engine: 'llamacpp', speculative: null });
  });

  it('a link with system RAM and MTP resolves, one token per step, and says nothing of MTP', () => {
    // explorer-config.ts servingOptions: the local model would refuse the draft (local-setup.ts).
    const result = resolved('deepseek-v3', {
      deviceId: 'rtx-4090',
      devices: 1,
      weights: 'int4',
      host: { ...DEFAULT_HOST_SETTINGS, memoryBytes: 512e9 },
      speculative: mtp,
    });
    expect(result.servingError).toBeNull();
    expect(result.resolved!.speculation).toBeNull();
    expect(result.serving!.speculative).toBeNull();
  });
});

describe('ENGINE_LABELS', () => {
  it('names the engines of serving/engines.ts, in its order', async () => {
    const { ENGINE_LABELS, ENGINE_CHOICES, ENGINE_NAMES } =
      await import('../../../../src/lib/core/index.ts');
    expect(ENGINE_LABELS).toEqual(ENGINE_NAMES);
    expect(ENGINE_CHOICES).toEqual(ENGINE_IDS);
  });
});
