import { describe, expect, it } from 'vitest';
import { parseHFConfig } from '../../../../src/lib/core/index.ts';
import { activationWorkspaceBytes } from '../../../../src/lib/core/serving/runtime-memory.ts';
import { deployOnH100 } from '../../helpers/deployments.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));
const GiB = 2 ** 30;

describe('the runtime each engine keeps beside weights and KV', () => {
  it("vLLM on one H100: Mixtral's activations for 8192 tokens, the sampler over 1024 rows, 0.5 GiB of context", () => {
    const d = deployOnH100(mixtral);
    expect(d.runtime).toEqual({
      activations: 8192 * 79_872 * 2, // deployment.test.ts derives the 79,872 values per token
      sampler: 1024 * 32_000 * 32, // rows x vocabulary x 32 B (engines.ts)
      outside: 0.5 * GiB,
      total: 8192 * 79_872 * 2 + 1024 * 32_000 * 32 + 0.5 * GiB,
    });
    expect(d.activationBytes).toBe(d.runtime.total);
    expect(d.budgetBytes).toBe(Math.floor(d.device.memoryBytes * 0.9));
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
