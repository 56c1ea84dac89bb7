import { describe, expect, it } from 'vitest';
import { parseHFConfig } from '../../../../src/lib/core/index.ts';
import { customDevice, findDevice } from '../../../../src/lib/core/serving/hardware.ts';
import { resolveServing } from '../../../../src/lib/core/serving/resolve.ts';
import { activationWorkspaceBytes } from '../../../../src/lib/core/serving/runtime-memory.ts';
import { deployOnH100 } from '../../helpers/deployments.ts';
import { fixtureConfig, moreModelConfig } from '../../helpers/fixtures.ts';

const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));
const GiB = 2 ** 30;
const h100 = findDevice('h100-sxm')!;

describe('the runtime each engine keeps beside weights and KV', () => {
  it("vLLM on one H100: Mixtral's forward pass of 8192 tokens, then the sampler over 1024 rows beside the hidden states; the larger counts, plus 0.5 GiB of context", () => {
    const d = deployOnH100(mixtral);
    const forward = 8192 * 79_872 * 2; // deployment.test.ts derives the 79,872 values per token
    // the hidden states kept for the sampler (8192 x 4096 x 2 B), then rows x vocabulary x 39 B
    const sampler = 8192 * 4096 * 2 + 1024 * 32_000 * 39;
    expect(d.runtime).toEqual({
      activations: forward,
      sampler,
      outside: 0.5 * GiB,
      sequential: true,
      total: Math.max(forward, sampler) + 0.5 * GiB,
    });
    expect(d.activationBytes).toBe(d.runtime.total);
    expect(d.budgetBytes).toBe(Math.floor(d.device.memoryBytes * 0.9));
  });

  it('vLLM: gpt-oss-120b on one H100 keeps the Marlin-padded experts and the sampler, and does not start at its defaults', () => {
    // vllm#23278 (v0.10.1): "Model loading took 65.9651 GiB", "Available KV cache memory: -2.14 GiB"
    const gptOss = parseHFConfig(moreModelConfig('gpt-oss-120b'));
    const d = deployOnH100(gptOss, {
      weights: 'bf16',
      expertWeights: 'mxfp4',
      memory: { engine: 'vllm' },
    });
    const weights = d.stages[0]!.weightsBytes;
    expect(weights / GiB).toBeCloseTo(65.97, 0); // within 0.5 GiB of the printed load
    const available = d.budgetBytes - weights - d.runtime.total;
    expect(available / GiB).toBeGreaterThan(-2.14 * 1.15);
    expect(available / GiB).toBeLessThan(-2.14 / 1.15);
  });

  it('vLLM under pipeline parallelism: only the last stage keeps the sampler; SGLang the same on every stage', () => {
    // v1/worker/gpu_model_runner.py profile_run: _dummy_sampler_run only if get_pp_group().is_last_rank
    const pp = (engine: 'vllm' | 'sglang') =>
      resolveServing(mixtral, {
        device: h100,
        devices: 2,
        tp: 1,
        pp: 2,
        contextTokens: 4096,
        batch: 1,
        memory: { engine },
      }).deployment;
    const d = pp('vllm');
    const [first, last] = d.stages;
    expect(last!.runtime).toEqual(d.runtime);
    expect(first!.runtime).toEqual({
      activations: d.runtime.activations,
      sampler: 0,
      outside: d.runtime.outside,
      sequential: false,
      total: d.runtime.activations + d.runtime.outside,
    });
    // two H100s over NVLink keep their communicators (engines.ts outsideBytes)
    expect(d.runtime.outside).toBe(2.5 * GiB);
    const s = pp('sglang');
    expect(s.stages[0]!.runtime).toEqual(s.stages[1]!.runtime);
  });

  it('DeepSeek-V2-Lite on 4 x L4 at tp 2, pp 2 (vLLM PR #20665): each stage within 2% of the KV memory vLLM printed', () => {
    // "Available KV cache memory: 12.13 GiB" on ranks 0-1 (stage 0), "11.33 GiB" on ranks 2-3 (stage 1)
    const l4 = customDevice({
      memoryBytes: 24.15e9,
      bandwidthBytesPerSecond: 300e9,
      bf16FlopsPerSecond: 121e12,
    });
    const d = resolveServing(parseHFConfig(moreModelConfig('deepseek-v2-lite')), {
      device: l4,
      devices: 4,
      tp: 2,
      pp: 2,
      weights: 'bf16',
      contextTokens: 1024,
      batch: 1,
      memory: { engine: 'vllm' },
    }).deployment;
    const pools = d.stages.map((st) => (d.budgetBytes - st.weightsBytes - st.runtime.total) / GiB);
    expect(Math.abs(pools[0]! / 12.13 - 1)).toBeLessThan(0.02);
    expect(Math.abs(pools[1]! / 11.33 - 1)).toBeLessThan(0.02);
  });

  it('SGLang keeps nothing of it in its pool; llama.cpp a compute buffer of 512 tokens only', () => {
    expect(deployOnH100(mixtral, { memory: { engine: 'sglang' } }).runtime.total).toBe(0);
    const llama = deployOnH100(mixtral, { memory: { engine: 'llamacpp' } });
    expect(llama.runtime).toMatchObject({ sampler: 0, outside: 0 });
    expect(llama.runtime.activations).toBe(
      activationWorkspaceBytes(mixtral, llama.layout, llama.memory),
    );
    expect(llama.runtime.activations).toBe(512 * 79_872 * 2);
  });
});
