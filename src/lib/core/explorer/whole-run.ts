/**
 * The Serving panel's whole run: a serving benchmark's requests of the deployment's prompt and
 * answer tokens, `batch` of them in flight, prefill included (serving/workload.ts), and the
 * sentence that tells it.
 */
import { paddedSparsePrefillHeads } from '../serving/attention-flops.ts';
import type { ResolvedServing } from '../serving/resolve.ts';
import { KV_CACHE_CAP } from '../serving/running.ts';
import { benchmarkRun, workloadThroughput, type WorkloadThroughput } from '../serving/workload.ts';
import { ENGINE_LABELS } from './engine-settings.ts';
import type { DeploymentSettings } from './explorer-config.ts';
import { formatInteger, formatMilliseconds, formatPercent, formatRate } from './format.ts';

export type WholeRun =
  { kind: 'run'; run: WorkloadThroughput; text: string } | { kind: 'note'; text: string };

/**
 * The run of `d`'s prompt and answer tokens on the resolved deployment; a note where it cannot be
 * told (system RAM, requests longer than the context); null without both token counts.
 */
export function wholeRun(
  resolved: ResolvedServing | null,
  d: Pick<DeploymentSettings, 'promptTokens' | 'answerTokens' | 'host'>,
): WholeRun | null {
  const prompt = d.promptTokens;
  const answer = d.answerTokens;
  if (prompt == null || answer == null || !resolved) return null;
  if (d.host)
    return {
      kind: 'note',
      text: 'The whole run is for GPUs alone: with system RAM the estimate is llama.cpp’s, one request at a time.',
    };
  const needed = prompt + answer;
  if (needed > resolved.contextTokens)
    return {
      kind: 'note',
      text: `A request of ${formatInteger(prompt)} prompt and ${formatInteger(answer)} answer tokens needs ${formatInteger(needed)} tokens of context, more than the ${formatInteger(resolved.contextTokens)} set: raise the context to see the run.`,
    };
  // Requests the KV cache cannot hold at the context wait for those it does (workload.ts).
  const held = benchmarkRun(resolved);
  const run = workloadThroughput(held, prompt, answer);
  return { kind: 'run', run, text: formatWholeRun(run, held) };
}

/** SGLang's prefill delayer in words, where it is on. */
const delayed = (passes: number | null) =>
  passes === null
    ? ''
    : `, its prefill delayer holding a rank’s prompts up to ${passes} passes for the others’`;

/**
 * The run in words: output throughput, per user, time per output token, and how prefill shares
 * the devices under the engine.
 *
 * @example formatWholeRun(run, resolved) // '12.4k output tokens/s over the run (124 per user); 8.08 ms per output token after the first (TPOT), other requests’ prompts included. Prefill takes 31% of the time, in passes of its own that pause the batch (SGLang; 0.39 per decode step).'
 */
export function formatWholeRun(run: WorkloadThroughput, resolved: ResolvedServing): string {
  const engine = ENGINE_LABELS[resolved.deployment.memory.engine];
  const { layout } = resolved.deployment;
  // Data-parallel attention over shared experts: one rank prefills, the others wait at the experts.
  const pause =
    layout.dp > 1 && layout.expertShards > layout.tp
      ? 'that the other data-parallel ranks wait for'
      : 'that pause the batch';
  const { spec, device, memory } = resolved.deployment;
  const padded = paddedSparsePrefillHeads(spec, layout.tp, device.id, memory.engine);
  const how =
    resolved.prefillScheduling === 'separate'
      ? `in passes of its own ${pause} (${engine}; ${run.prefillPassesPerStep.toFixed(2)} per decode step${delayed(memory.prefillDelayPasses)})`
      : `mixed into the decode steps (${engine})`;
  return (
    `${formatRate(run.outputTokensPerSecond)} output tokens/s over the run (${formatRate(run.outputTokensPerSecondPerUser)} per user); ` +
    `${formatMilliseconds(run.timePerOutputTokenSeconds)} per output token after the first (TPOT), other requests’ prompts included. ` +
    `Prefill takes ${formatPercent(run.prefillShare)} of the time, ${how}.` +
    (padded
      ? ` Its sparse attention (DSA) runs ${padded.kernel} heads on each device, which holds ${padded.rank}: FlashMLA’s kernel pads them.`
      : '') +
    (run.slotWaitSeconds > 0
      ? ` The ${formatInteger(resolved.running.offered - resolved.batch)} requests the engine does not run${resolved.running.capBy?.startsWith(KV_CACHE_CAP) ? ` (${resolved.running.capBy})` : ''} wait ${formatRate(run.slotWaitSeconds)} s for a slot.`
      : '')
  );
}
