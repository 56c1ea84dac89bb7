import { describe, expect, it } from 'vitest';
import {
  compileOverrides,
  countParams,
  DEFAULT_PLACEMENT,
  parseHFConfig,
  placedWeightBytes,
  placeModel,
  planParts,
  weightPlan,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

// Qwen3-30B-A3B: 48 layers, every one MoE (128 experts, top-8), in Q8_0.
const count = countParams(parseHFConfig(fixtureConfig('qwen3-30b-a3b')));
const parts = planParts(count, weightPlan('q8_0'));

describe('placeModel: llama.cpp placement flags', () => {
  it('by default every layer and the output are on the GPU; the input embedding on the host', () => {
    const p = placeModel(parts, DEFAULT_PLACEMENT);
    expect(p.layers.every((l) => l.mixer === 'device' && l.experts === 'device')).toBe(true);
    expect(p.output).toBe('device');
    expect(p.embedding).toBe('host');
  });

  it('-ngl N: the output and the last N − 1 layers on the GPU (i_gpu_start = n_layer + 1 − N)', () => {
    const p = placeModel(parts, { ...DEFAULT_PLACEMENT, gpuLayers: 3 });
    expect(p.output).toBe('device');
    expect(p.layers.filter((l) => l.mixer === 'device').map((l) => l.index)).toEqual([46, 47]);
    expect(placeModel(parts, { ...DEFAULT_PLACEMENT, gpuLayers: 0 }).output).toBe('host');
  });

  it('--cpu-moe and --n-cpu-moe move routed experts only; -ot matches GGUF tensor names', () => {
    const all = placeModel(parts, { ...DEFAULT_PLACEMENT, cpuMoe: true });
    expect(all.layers.every((l) => l.experts === 'host' && l.mixer === 'device')).toBe(true);
    const first = placeModel(parts, { ...DEFAULT_PLACEMENT, nCpuMoe: 10 });
    expect(first.layers.filter((l) => l.experts === 'host')).toHaveLength(10);
    expect(first.layers[9]!.experts).toBe('host');
    expect(first.layers[10]!.experts).toBe('device');
    const ot = placeModel(parts, { ...DEFAULT_PLACEMENT, overrides: ['exps=CPU'.split('=')[0]!] });
    expect(ot.layers.every((l) => l.experts === 'host' && l.ffn === 'device')).toBe(true);
    const attn = placeModel(parts, { ...DEFAULT_PLACEMENT, overrides: ['blk\\.47\\.attn'] });
    expect(attn.layers[47]!.mixer).toBe('host');
    expect(attn.layers[46]!.mixer).toBe('device');
  });

  it('a pattern that is not a regular expression is refused, naming it', () => {
    expect(() => compileOverrides(['blk.(0'])).toThrow(
      'override-tensor: expected a regular expression (REGEX=CPU), got "blk.(0"',
    );
  });

  it('placedWeightBytes splits every weight byte between GPU and host', () => {
    const gpu = placedWeightBytes(parts, placeModel(parts, DEFAULT_PLACEMENT));
    const cpu = placedWeightBytes(parts, placeModel(parts, { ...DEFAULT_PLACEMENT, gpuLayers: 0 }));
    expect(cpu.device).toBe(0);
    expect(gpu.device + gpu.host).toBe(cpu.host);
    // Only the input embedding stays on the host: 151,936 × 2,048 at 8.5 bits.
    expect(gpu.host).toBe(Math.ceil((151_936 * 2_048 * 8.5) / 8));
  });

  it('-ot matches the tensor names a part carries (a GGUF file gives its own)', () => {
    const named = {
      ...parts,
      layers: parts.layers.map((l, i) => ({
        ...l,
        names: { ...l.names, experts: [`blk.${i}.ffn_gate_up_exps.weight`] },
      })),
    };
    const p = placeModel(named, { ...DEFAULT_PLACEMENT, overrides: ['gate_up_exps'] });
    expect(p.layers.every((l) => l.experts === 'host')).toBe(true);
    expect(
      placeModel(parts, { ...DEFAULT_PLACEMENT, overrides: ['gate_up_exps'] }).layers.some(
        (l) => l.experts === 'host',
      ),
    ).toBe(false);
  });
});
