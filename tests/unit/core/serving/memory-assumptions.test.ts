import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMORY } from '../../../../src/lib/core/index.ts';

describe('DEFAULT_MEMORY', () => {
  it("is vLLM's on an 80 GB device, with SGLang's DeepSeek-V4 pool settings of today", () => {
    expect(DEFAULT_MEMORY).toEqual({
      engine: 'vllm',
      utilization: 0.9,
      maxBatchedTokens: 8192,
      maxSequences: 1024,
      maxRunningRequests: null,
      kvBlockTokens: 16,
      cudaGraphMaxBatch: 512,
      piecewisePrefill: true,
      // SGLang's apply_deepseek_v4_defaults: swa_full_tokens_ratio 0.1; HCA states
      // request-scoped from 0.5.15 (sglang-v4-pools.ts)
      swaFullTokensRatio: 0.1,
      hcaStatePerRequest: true,
      // SGLang's --enable-prefill-delayer is off by default (server_args.py)
      prefillDelayPasses: null,
    });
  });
});
