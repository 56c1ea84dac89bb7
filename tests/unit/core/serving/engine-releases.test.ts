import { describe, expect, it } from 'vitest';
import {
  NEWER_PIECEWISE_LAUNCH_SECONDS,
  PIECEWISE_LAUNCH_SECONDS,
  SYNC_SCHEDULING_SECONDS,
  parseEngineRelease,
  releaseDefaults,
} from '../../../../src/lib/core/index.ts';

const vllm = (v: string) => releaseDefaults(parseEngineRelease('vllm', v));

describe('parseEngineRelease', () => {
  it('reads major, minor and patch from the forms releases take', () => {
    expect(parseEngineRelease('vllm', 'v0.10.1')).toEqual({
      engine: 'vllm',
      version: '0.10.1',
      major: 0,
      minor: 10,
      patch: 1,
    });
    expect(parseEngineRelease('vllm', '0.11.0rc2').minor).toBe(11);
    expect(parseEngineRelease('sglang', '0.5.6.post1').minor).toBe(5);
    expect(parseEngineRelease('sglang', '0.5.6.post1').patch).toBe(6);
    expect(parseEngineRelease('sglang', '0.5.10rc0').patch).toBe(10);
    expect(parseEngineRelease('vllm', '0.14').patch).toBe(0);
    expect(parseEngineRelease('trtllm', '1.2.0rc5').major).toBe(1);
    expect(parseEngineRelease('vllm', '0.14').minor).toBe(14);
  });

  it('refuses anything else, naming the field, the value and what it expects', () => {
    for (const bad of ['latest', '0.1x', '', '10', 'v.0.10'])
      expect(() => parseEngineRelease('vllm', bad)).toThrow(
        `engine version: expected a release of vLLM such as 0.10.1 or v0.11.0rc2, got`,
      );
  });
});

describe('releaseDefaults', () => {
  it('vLLM before v0.11: piecewise CUDA graphs and synchronous scheduling (PR #25444, PR #27614)', () => {
    const d = vllm('0.10.2');
    expect(d.efficiency).toEqual({
      launchSecondsPerLayer: PIECEWISE_LAUNCH_SECONDS,
      schedulingSecondsPerSequence: SYNC_SCHEDULING_SECONDS,
    });
    expect(d.piecewiseLaunchSeconds).toBe(PIECEWISE_LAUNCH_SECONDS);
    expect(d.said).toEqual([
      'piecewise CUDA graphs (384 us of host launch per layer)',
      'synchronous scheduling (21 us per running sequence per step)',
    ]);
  });

  it('vLLM v0.11 to v0.13: full graphs, still synchronous; forced piecewise launches in 130 us', () => {
    for (const v of ['0.11.0', '0.13.9']) {
      const d = vllm(v);
      expect(d.efficiency).toEqual({ schedulingSecondsPerSequence: SYNC_SCHEDULING_SECONDS });
      expect(d.piecewiseLaunchSeconds).toBe(NEWER_PIECEWISE_LAUNCH_SECONDS);
    }
    expect(NEWER_PIECEWISE_LAUNCH_SECONDS).toBe(130e-6); // vLLM #47089: 3.64 ms piecewise, 28 layers
  });

  it('vLLM from v0.14: the newest defaults, said as such', () => {
    const d = vllm('0.14.0');
    expect(d.efficiency).toEqual({});
    expect(d.said).toEqual([
      'full CUDA graphs (its default since v0.11)',
      'async scheduling (its default since v0.14)',
    ]);
  });

  it('SGLang before 0.5.10 runs prefill eagerly; from 0.5.10 piecewise prefill graphs are its default', () => {
    // eager.ts: PR #16331 "Piecewise Cuda Graph set default"; server_args.py
    // disable_piecewise_cuda_graph from 0.5.10, enable_piecewise_cuda_graph (off) up to 0.5.9
    for (const version of ['0.4.7', '0.5.6.post1', '0.5.9']) {
      const defaults = releaseDefaults(parseEngineRelease('sglang', version));
      expect(defaults).toMatchObject({ efficiency: {}, piecewiseLaunchSeconds: null });
      expect(defaults.memory).toMatchObject({ piecewisePrefill: false, hcaStatePerRequest: false });
      expect(defaults.said[0]).toBe(
        'prefill passes run eagerly (piecewise prefill CUDA graphs are its default from 0.5.10)',
      );
    }
    for (const version of ['0.5.10rc0', '0.5.12'])
      expect(releaseDefaults(parseEngineRelease('sglang', version)).memory).toEqual({
        hcaStatePerRequest: false,
      });
    expect(releaseDefaults(parseEngineRelease('sglang', '0.6.0')).memory).toEqual({});
  });

  it('SGLang’s kernel fusions by release (sglang-fusions.ts), said back, the newest unset', () => {
    const at = (v: string) => releaseDefaults(parseEngineRelease('sglang', v));
    expect(at('0.4.6.post5').memory.sglangFusions).toBe('none');
    expect(at('0.4.7').memory.sglangFusions).toBe('shared-expert');
    expect(at('0.5.2').memory.sglangFusions).toBe('sm100-gpt-oss');
    expect(at('0.5.6.post1').memory.sglangFusions).toBe('sm100-deepseek');
    expect(at('0.5.7').memory.sglangFusions).toBeUndefined();
    expect(at('0.4.7').said[1]).toBe(
      "DeepSeek's shared expert fused into the routed experts (from 0.4.7)",
    );
    expect(at('0.5.7').said[1]).toBe(
      "DeepSeek's shared expert fused; all-reduce fused with the norms on Hopper and Blackwell (its default since 0.5.7)",
    );
  });

  it("SGLang before 0.5.15 keeps DeepSeek-V4's HCA states per window token, request-scoped from it", () => {
    // sglang-v4-pools.ts: PR #28612 merged 2026-07-01, after 0.5.14 (2026-06-26); the MI355X logs
    // print 32,781.44 bytes a full token on 0.5.13 and 13,735.04 on 0.5.15.post1
    const memory = (v: string) => releaseDefaults(parseEngineRelease('sglang', v)).memory;
    expect(memory('0.5.13')).toEqual({ hcaStatePerRequest: false });
    expect(memory('0.5.14.post1')).toEqual({ hcaStatePerRequest: false });
    expect(memory('0.5.15')).toEqual({});
    expect(memory('0.5.15.post1')).toEqual({});
  });

  it('TensorRT-LLM and llama.cpp: nothing modelled changes with the release', () => {
    for (const engine of ['trtllm', 'llamacpp'] as const)
      expect(releaseDefaults(parseEngineRelease(engine, '0.5.6'))).toEqual({
        efficiency: {},
        memory: {},
        piecewiseLaunchSeconds: null,
        said: [],
      });
  });
});
