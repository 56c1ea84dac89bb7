import { describe, expect, it } from 'vitest';
import { countParams } from '../../../../src/lib/core/index.ts';
import {
  adapterModelStates,
  checkLoraRank,
  checkLoraTargets,
  frozenBaseBytes,
  loraLayerParams,
  QLORA_BITS_PER_PARAM,
} from '../../../../src/lib/core/training/finetune.ts';
import {
  resolveTrainingLayout,
  stageParamsPerGpu,
} from '../../../../src/lib/core/training/parallel-memory.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

const llama = fixtureSpec('llama3.1-8b');
const mixtral = fixtureSpec('mixtral-8x7b');
const deepseek = fixtureSpec('deepseek-v3');

const adapters = (
  spec: typeof llama,
  rank: number,
  targets: Parameters<typeof loraLayerParams>[3],
) =>
  countParams(spec).layers.reduce(
    (n, layer) => {
      const p = loraLayerParams(spec, layer, rank, targets);
      return { dense: n.dense + p.dense, expert: n.expert + p.expert };
    },
    { dense: 0, expert: 0 },
  );

describe('loraLayerParams counts r·(in + out) per adapted matrix', () => {
  it('Llama 3.1 8B, r 16 on q, k, v, o, gate, up, down: 41,943,040, as PEFT prints it', () => {
    // PEFT print_trainable_parameters on Llama 3.1 8B with these targets:
    // "trainable params: 41,943,040 || all params: 8,072,204,288" (8,030,261,248 + 41,943,040).
    expect(adapters(llama, 16, ['attention', 'ffn'])).toEqual({ dense: 41_943_040, expert: 0 });
    // q, k, v, o only: 32 x 16 x (8192 + 2 x 5120 + 8192).
    expect(adapters(llama, 16, ['attention']).dense).toBe(32 * 16 * (8192 + 10240 + 8192));
  });

  it("Mixtral: the routed experts' adapters only when asked, 8 experts x 3 matrices per layer", () => {
    expect(adapters(mixtral, 8, ['attention', 'ffn']).expert).toBe(0);
    expect(adapters(mixtral, 8, ['experts']).expert).toBe(32 * 8 * 3 * 8 * (4096 + 14336));
  });

  it("DeepSeek-V3's MLA: q_a, q_b, kv_a_proj_with_mqa, kv_b and o", () => {
    const layer = countParams(deepseek).layers[0]!;
    const h = 7168;
    const expected =
      8 * (h + 1536) + // q_a
      8 * (1536 + 128 * 192) + // q_b
      8 * (h + 512 + 64) + // kv_a_proj_with_mqa
      8 * (512 + 128 * (128 + 128)) + // kv_b
      8 * (128 * 128 + h); // o
    expect(loraLayerParams(deepseek, layer, 8, ['attention']).dense).toBe(expected);
  });
});

describe('QLoRA and the frozen base', () => {
  it('NF4 with double quantization: 4.127 bits per parameter (QLoRA §3)', () => {
    expect(QLORA_BITS_PER_PARAM).toBe(4 + 0.125 + 32 / 16384);
    expect(QLORA_BITS_PER_PARAM.toFixed(3)).toBe('4.127');
  });

  it('quantizes the Linear layers, keeps embedding, lm_head and norms in 16 bits', () => {
    const stage = { dense: 1e9, expert: 2e9, unquantized: 1e8 };
    expect(frozenBaseBytes(stage, 'lora')).toEqual({ dense: 2e9, expert: 4e9 });
    const q = frozenBaseBytes(stage, 'qlora');
    expect(q.dense).toBeCloseTo((9e8 * QLORA_BITS_PER_PARAM) / 8 + 2e8, 0);
    expect(q.expert).toBeCloseTo((2e9 * QLORA_BITS_PER_PARAM) / 8, 0);
  });

  it('adapterModelStates: the base has no gradients nor optimizer; adapters 2 + 2 + 12 bytes', () => {
    const layout = resolveTrainingLayout(llama, { gpus: 1 });
    const [stage] = stageParamsPerGpu(llama, countParams(llama), layout);
    const states = adapterModelStates(llama, stage!, layout, 'lora', 16, ['attention', 'ffn'], 0);
    expect(states).toEqual({
      weights: 2 * 8_030_261_248 + 2 * 41_943_040,
      gradients: 2 * 41_943_040,
      optimizer: 12 * 41_943_040,
    });
  });

  it('names the field of a bad rank or target', () => {
    expect(() => checkLoraRank(0)).toThrow('loraRank: expected an integer >= 1, got 0');
    expect(() => checkLoraTargets(['attention', 'router'])).toThrow(
      'loraTargets: expected attention, ffn or experts, got "router"',
    );
  });
});
