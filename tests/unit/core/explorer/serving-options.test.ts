import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_DEPLOYMENT,
  findDevice,
  servingOptions,
} from '../../../../src/lib/core/index.ts';

describe('servingOptions', () => {
  it('servingOptions(DEFAULT_DEPLOYMENT) leaves automatic and catalog values undefined', () => {
    expect(servingOptions(DEFAULT_DEPLOYMENT)).toEqual({
      device: findDevice('h100-sxm'),
      devices: 8,
      tp: undefined,
      ep: 1,
      pp: 1,
      weights: undefined,
      expertWeights: undefined,
      kvDtype: undefined, // the engine's
      kvLayout: undefined, // the engine's
      contextTokens: 131072,
      batch: 1,
      usdPerDeviceHour: undefined,
      routing: { skew: 0, capacityFactor: 1.25 },
      gpusPerNode: undefined,
      memory: { engine: 'vllm' },
      speculative: null,
      efficiency: { schedulingSecondsPerSequence: 0, launchSecondsPerLayer: 0 },
    });
  });

  it('servingOptions: vLLM’s synchronous scheduler waits 21 us per sequence; other engines never', () => {
    // assumptions.ts SYNC_SCHEDULING_SECONDS, from GPUStack's vLLM v0.11.0 labs.
    const sync = { ...DEFAULT_DEPLOYMENT, syncScheduling: true };
    expect(servingOptions(sync).efficiency).toEqual({
      schedulingSecondsPerSequence: 21e-6,
      launchSecondsPerLayer: 0,
    });
    expect(servingOptions({ ...sync, engine: 'sglang' }).efficiency).toEqual({
      schedulingSecondsPerSequence: 0,
      launchSecondsPerLayer: 0,
    });
  });

  it('servingOptions: vLLM’s piecewise CUDA graphs launch each layer in 384 us; other engines never', () => {
    // assumptions.ts PIECEWISE_LAUNCH_SECONDS, from vLLM PR #25444.
    const piecewise = { ...DEFAULT_DEPLOYMENT, piecewiseGraphs: true };
    expect(servingOptions(piecewise).efficiency).toEqual({
      schedulingSecondsPerSequence: 0,
      launchSecondsPerLayer: 384e-6,
    });
    expect(servingOptions({ ...piecewise, engine: 'trtllm' }).efficiency).toEqual({
      schedulingSecondsPerSequence: 0,
      launchSecondsPerLayer: 0,
    });
  });

  it('servingOptions of an unknown device throws a ConfigError', () => {
    expect(() => servingOptions({ ...DEFAULT_DEPLOYMENT, deviceId: 'x' })).toThrow(ConfigError);
  });

  it('servingOptions: SGLang’s prefill delayer at its default 30 passes; never for another engine', () => {
    // serving/prefill-delayer.ts SGLANG_PREFILL_DELAY_PASSES (server_args.py)
    const held = { ...DEFAULT_DEPLOYMENT, engine: 'sglang' as const, prefillDelayer: true };
    expect(servingOptions(held).memory).toEqual({ engine: 'sglang', prefillDelayPasses: 30 });
    expect(servingOptions({ ...held, engine: 'vllm' }).memory).toEqual({ engine: 'vllm' });
    expect(servingOptions({ ...held, prefillDelayer: false }).memory).toEqual({
      engine: 'sglang',
    });
  });
});
