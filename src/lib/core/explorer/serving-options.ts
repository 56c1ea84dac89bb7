/**
 * The core's serving options for the explorer's deployment settings (explorer-config.ts): what
 * each setting means to the serving model, for the engine it is read with.
 */
import { ConfigError } from '../model/errors.ts';
import { PIECEWISE_LAUNCH_SECONDS, SYNC_SCHEDULING_SECONDS } from '../serving/assumptions.ts';
import { SGLANG_PREFILL_DELAY_PASSES } from '../serving/sglang-prefill-delay.ts';
import type { DeploymentSettings } from './explorer-config.ts';
import { servingEngine } from './engine-settings.ts';
import { servingModel } from './serving-model.ts';

/**
 * The core's serving options for the explorer's deployment settings. The GPU type is looked up
 * in the serving model's catalog (serving-model.ts), so this needs the serving model at hand.
 */
export function servingOptions(d: DeploymentSettings) {
  const device = servingModel().findDevice(d.deviceId);
  if (!device) throw new ConfigError('GPU type', d.deviceId, 'a device of the catalog');
  const { engine, speculative } = servingEngine(d);
  return {
    device,
    devices: d.devices,
    tp: d.tp ?? undefined,
    ep: d.ep,
    pp: d.pp,
    weights: d.weights ?? undefined,
    expertWeights: d.expertWeights ?? undefined,
    kvDtype: d.kvDtype ?? undefined,
    kvLayout: d.kvLayout ?? undefined,
    contextTokens: d.contextTokens,
    batch: d.batch,
    usdPerDeviceHour: d.usdPerHour ?? undefined,
    routing: { skew: d.skew, capacityFactor: d.capacityFactor },
    gpusPerNode: d.gpusPerNode ?? undefined,
    // A home machine runs llama.cpp, whose placement the local model follows (local-placement.ts).
    memory: {
      engine,
      ...(d.maxSequences != null && (engine === 'vllm' || engine === 'trtllm')
        ? { maxSequences: d.maxSequences }
        : {}),
      // SGLang's cap on running requests (--max-running-requests; running.ts) is the same field
      ...(d.maxSequences != null && engine === 'sglang'
        ? { maxRunningRequests: d.maxSequences }
        : {}),
      ...(engine === 'sglang' && d.eagerPrefill ? { piecewisePrefill: false } : {}),
      // SGLang's --enable-prefill-delayer at its default passes; the core leaves it off outside
      // DP attention (serving/resolve.ts), where SGLang refuses it
      ...(engine === 'sglang' && d.prefillDelayer
        ? { prefillDelayPasses: SGLANG_PREFILL_DELAY_PASSES }
        : {}),
      ...(d.graphBatch != null && (engine === 'sglang' || engine === 'trtllm')
        ? { cudaGraphMaxBatch: d.graphBatch }
        : {}),
      ...(d.memoryFraction != null && engine !== 'llamacpp'
        ? { utilization: d.memoryFraction }
        : {}),
      ...(d.batchedTokens != null && engine !== 'llamacpp'
        ? { maxBatchedTokens: d.batchedTokens }
        : {}),
    },
    speculative: speculative ? { ...speculative } : null,
    ...(engine === 'sglang' && d.mixedChunk ? { prefillScheduling: 'mixed' as const } : {}),
    // vLLM's synchronous scheduler waits for the host each step; every other engine overlaps it.
    efficiency: {
      schedulingSecondsPerSequence:
        engine === 'vllm' && d.syncScheduling ? SYNC_SCHEDULING_SECONDS : 0,
      launchSecondsPerLayer: engine === 'vllm' && d.piecewiseGraphs ? PIECEWISE_LAUNCH_SECONDS : 0,
    },
  };
}
