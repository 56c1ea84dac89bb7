import { describe, expect, it } from 'vitest';
import {
  columnLabel,
  defaultConfig,
  DEVICES,
  formatDeviceName,
  formatPrecision,
  precisionLabel,
  resolveExplorer,
  type ExplorerConfig,
} from '../../../../src/lib/core/index.ts';

/** A preset on a deployment, with its result. */
function on(id: string, deployment: Partial<ExplorerConfig['deployment']> = {}) {
  const config = defaultConfig(id);
  config.deployment = { ...config.deployment, ...deployment };
  return { config, result: resolveExplorer(config) };
}

describe('formatDeviceName', () => {
  it.each([
    ['h100-sxm', 'H100'],
    ['h100-pcie', 'H100 PCIe'],
    ['h200', 'H200'],
    ['gb200', 'GB200 NVL72'],
    ['mi300x', 'MI300X'],
    ['a100-80gb', 'A100 80GB'],
    ['a100-40gb', 'A100 40GB'],
    ['rtx-4090', 'RTX 4090'],
    ['m3-ultra', 'M3 Ultra 512GB'],
    ['m4-max-36gb', 'M4 Max 36GB'],
    ['no-such-gpu', 'no-such-gpu'],
  ])('formatDeviceName(%s) is %s', (id, name) => {
    expect(formatDeviceName(id)).toBe(name);
  });

  it('formatDeviceName gives every catalog device a name of its own, at most 12 characters', () => {
    const names = DEVICES.map((d) => formatDeviceName(d.id));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name.length, name).toBeLessThanOrEqual(12);
  });
});

describe('formatPrecision', () => {
  it.each([
    ['bf16', 'BF16'],
    ['fp8', 'FP8'],
    ['int4', 'INT4'],
    ['q4_k_m', 'Q4_K_M'],
  ] as const)('formatPrecision(%s) is %s', (id, label) => {
    expect(formatPrecision(id)).toBe(label);
  });
});

describe('precisionLabel', () => {
  it("precisionLabel without chosen formats is the checkpoint's: Scout BF16, DeepSeek-V3 FP8, gpt-oss BF16 with MXFP4 experts", () => {
    const label = (id: string) => precisionLabel(on(id).config, on(id).result);
    expect(label('llama4-scout')).toBe('BF16');
    expect(label('deepseek-v3')).toBe('FP8');
    expect(label('gpt-oss-120b')).toBe('BF16 + MXFP4 experts');
  });

  it('precisionLabel of chosen formats names them, experts apart when they differ', () => {
    const { config, result } = on('qwen3-30b-a3b', { weights: 'fp8', expertWeights: 'nvfp4' });
    expect(precisionLabel(config, result)).toBe('FP8 + NVFP4 experts');
    expect(precisionLabel(config, null)).toBe('FP8 + NVFP4 experts');
    expect(precisionLabel(defaultConfig(), null)).toBe('own format');
  });
});

describe('columnLabel', () => {
  it('columnLabel names the model, the GPUs and the precision: "Llama 4 Scout · 8 × H100 · BF16"', () => {
    const { config, result } = on('llama4-scout');
    expect(columnLabel(config, result)).toEqual({
      model: 'Llama 4 Scout',
      deployment: '8 × H100 · BF16',
      full: 'Llama 4 Scout · 8 × H100 · BF16',
    });
  });

  it('columnLabel of an edited model says so, and of an unresolved one gives its preset id', () => {
    const config = { ...defaultConfig('mixtral-8x7b'), arch: { layers: 16 } };
    expect(columnLabel(config, resolveExplorer(config)).model).toBe('Mixtral 8x7B (edited)');
    const bad = { ...defaultConfig(), source: { kind: 'preset' as const, id: 'gpt-9' } };
    expect(columnLabel(bad, null).model).toBe('gpt-9');
  });
});
