import { describe, expect, it } from 'vitest';
import {
  estimateServing,
  findDevice,
  parseEngineRelease,
  releaseDefaults,
  resolveServing,
  workloadThroughput,
} from '../../../src/lib/core/index.ts';
import { serveSummary } from '../../../src/cli/serve-summary.ts';
import { FIXTURES, fixtureSpec } from '../helpers/fixtures.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHFConfig } from '../../../src/lib/core/index.ts';

const scout = fixtureSpec('llama4-scout');
const options = { device: findDevice('h100-sxm')!, devices: 8, contextTokens: 8192, batch: 8 };

describe('serveSummary', () => {
  it('says what SGLang fuses out of the step’s kernels, and nothing under vLLM (sglang-fusions.ts)', () => {
    const r1 = fixtureSpec('deepseek-v3');
    const on = (engine: 'sglang' | 'vllm') =>
      serveSummary(
        r1,
        estimateServing(r1, {
          ...options,
          device: findDevice('b200')!,
          weights: 'fp8',
          memory: { engine },
        }),
        null,
        null,
      );
    expect(on('sglang')).toContain(
      '5 us per kernel (SGLang fuses the shared expert into the routed experts and the all-reduce with the norms)',
    );
    expect(on('vllm')).toMatch(/5 us per kernel, /);
    // Llama 4 Scout under SGLang: neither applies
    const scoutSglang = estimateServing(scout, { ...options, memory: { engine: 'sglang' } });
    expect(scoutSglang.assumptions.fusions).toEqual({ sharedExpert: false, allReduceNorm: false });
  });

  it('says where DSA’s sparse prefill computes padded heads: 64 a rank on an H200 under TP 8', () => {
    const v32 = parseHFConfig(
      JSON.parse(
        readFileSync(join(FIXTURES, 'new-families', 'deepseek-v3.2.config.json'), 'utf8'),
      ) as Record<string, unknown>,
    );
    const on = (tp: number, ep: number) =>
      serveSummary(
        v32,
        estimateServing(v32, { ...options, device: findDevice('h200')!, tp, ep, weights: 'fp8' }),
        null,
        null,
      );
    expect(on(8, 1)).toMatch(
      /^prefill {3}.*; DSA's sparse attention at 64 heads a rank, which holds 16 \(FlashMLA's kernel pads them\)$/m,
    );
    // Attention data-parallel keeps all 128 heads on each rank: nothing is padded.
    expect(on(1, 8)).not.toContain('pads them');
    expect(serveSummary(scout, estimateServing(scout, options), null, null)).not.toContain('DSA');
  });

  it("says what a token of context takes in SGLang's DeepSeek-V4 pools, and only there", () => {
    const pro = parseHFConfig(
      JSON.parse(
        readFileSync(join(FIXTURES, 'new-families', 'deepseek-v4-pro.config.json'), 'utf8'),
      ) as Record<string, unknown>,
    );
    const h200 = { ...options, device: findDevice('h200')! };
    const on = (engine: 'sglang' | 'vllm', more = {}) =>
      serveSummary(pro, estimateServing(pro, { ...h200, memory: { engine, ...more } }), null, null);
    // sglang-v4-pools.ts: V4-Pro at ratio 0.1, 10,993.84 bytes; 33,152 rows x 4,096 x 31 = 4.2 GB
    expect(on('sglang')).toMatch(
      /^ {10}in SGLang's pools 10,993.84 bytes a token of context \(window rows at 0.1 a token\), after 4.2 GB a device for its requests' HCA states$/m,
    );
    expect(on('sglang', { swaFullTokensRatio: 0.15, hcaStatePerRequest: false })).toContain(
      "in SGLang's pools 32,781.44 bytes a token of context (window rows at 0.15 a token), its HCA states among them",
    );
    expect(on('vllm')).not.toContain("SGLang's pools");
    expect(estimateServing(scout, options).sglangV4Pools).toBeNull();
  });

  it('the estimate’s lines, then the release’s, then the whole run’s, each under its label', () => {
    const estimate = estimateServing(scout, options);
    const release = {
      engine: 'vllm' as const,
      version: '0.12',
      ...releaseDefaults(parseEngineRelease('vllm', '0.12')),
    };
    const workload = workloadThroughput(resolveServing(scout, options), 1024, 256);
    const lines = serveSummary(scout, estimate, release, workload).split('\n');
    const labels = lines.map((l) => l.slice(0, 10).trim()).filter(Boolean);
    expect(labels.slice(0, 2)).toEqual(['llama4 on', 'weights']);
    expect(labels.slice(-3)).toEqual(['assumed', 'release', 'whole run']);
    expect(lines.at(-3)).toBe(
      'release   vLLM 0.12: full CUDA graphs (its default since v0.11), synchronous scheduling (21 us per running sequence per step)',
    );
    expect(lines.at(-1)).toMatch(/ms per output token after the first \(TPOT\)/);
  });

  it('without a release or a workload, the estimate alone, ending with what it assumes', () => {
    const text = serveSummary(scout, estimateServing(scout, options), null, null);
    expect(text).not.toContain('release');
    expect(text).not.toContain('whole run');
    expect(text.split('\n').at(-1)).toMatch(/^assumed {3}vLLM's memory policy at 0\.9/);
    expect(text).toMatch(/^llama4 on 8 devices in 1 node of 8 \(tp 8, ep 1, pp 1, dp 1\)/);
  });

  it('the price of a device-hour with separators and cents', () => {
    const at = (usd: number) =>
      serveSummary(
        scout,
        estimateServing(scout, { ...options, usdPerDeviceHour: usd }),
        null,
        null,
      );
    expect(at(10000)).toMatch(/ \(\$10,000\/device-hour\)$/m);
    expect(at(2.69)).toMatch(/ \(\$2\.69\/device-hour\)$/m);
  });

  it('a running line where the engine runs fewer requests than the batch asks for', () => {
    const dsv3 = fixtureSpec('deepseek-v3');
    // 8 x H200: DeepSeek-V3's 673 GB of FP8 weights fit (on 8 x H100 nothing would run)
    const capped = {
      ...options,
      device: findDevice('h200')!,
      batch: 100,
      weights: 'fp8' as const,
      memory: { engine: 'sglang' as const },
      speculative: { method: 'mtp' as const, draftTokens: 1, acceptance: 0.8 },
    };
    const text = serveSummary(dsv3, estimateServing(dsv3, capped), null, null);
    expect(text).toContain(
      "running   48 of the 100 requests at once (SGLang's default under speculative decoding, 48); 52 wait, and every speed below is the running batch's",
    );
    expect(serveSummary(scout, estimateServing(scout, options), null, null)).not.toContain(
      'running',
    );
    // the 52 waiting: each waits its turn, S (100 / 48 - 1) with S a request's time in a slot
    const run = workloadThroughput(resolveServing(dsv3, capped), 1000, 500);
    const hold = (500 * 48) / run.outputTokensPerSecond;
    expect(run.slotWaitSeconds).toBeCloseTo(hold * (100 / 48 - 1), 9);
    expect(workloadThroughput(resolveServing(scout, options), 1024, 256).slotWaitSeconds).toBe(0);
    expect(serveSummary(dsv3, estimateServing(dsv3, capped), null, run)).toMatch(
      /\n {10}[\d.,]+ s waiting for a running slot before a request's prompt runs \(Little's law over the requests in flight\)$/,
    );
  });
});
