/**
 * The deployment a set of numbers describes, in words: what the headline, the serving panel and
 * the compare columns say they are about.
 */
import { ENGINE_NAMES } from '../serving/engines.ts';
import type { ResolvedServing } from '../serving/resolve.ts';
import type { Speculation } from '../serving/speculative.ts';
import { WEIGHT_FORMATS, type WeightFormatId } from '../serving/weight-formats.ts';
import { formatInteger, formatTokensExact } from './format.ts';

/** A format's short name: "FP8" for "FP8 (block scales)". */
const shortName = (id: WeightFormatId) => WEIGHT_FORMATS[id].label.replace(/ \(.*\)$/, '');

/** "BF16 weights" or, where the routed experts differ (gpt-oss), "BF16 weights, MXFP4 experts". */
export function weightsLabel(resolved: ResolvedServing): string {
  const { linear, experts } = resolved.deployment.plan;
  const base = `${shortName(linear)} weights`;
  return experts === linear ? base : `${base}, ${shortName(experts)} experts`;
}

export interface DeploymentLabel {
  /** "8 × NVIDIA H100 SXM 80GB" */
  devices: string;
  /** "BF16 weights", or "BF16 weights, MXFP4 experts" */
  weights: string;
  /** "BF16 KV cache" */
  kv: string;
  /** "131.07k (128 × 2^10) tokens of context" */
  context: string;
  /** "batch 1" */
  batch: string;
  /** "on vLLM": whose memory policy sizes the KV cache. */
  engine: string;
  /** "MTP: 1 draft token, 85% accepted"; null without speculative decoding. */
  speculation: string | null;
}

/** Speculative decoding in words: its drafter, draft length and acceptance. */
function speculationLabel(s: Speculation | null): string | null {
  if (!s) return null;
  const drafter = s.method === 'mtp' ? 'MTP' : 'draft model';
  const tokens = `${formatInteger(s.draftTokens)} draft token${s.draftTokens === 1 ? '' : 's'}`;
  return `${drafter}: ${tokens}, ${Math.round(s.acceptance * 100)}% accepted`;
}

/** The parts of a deployment's description, each short enough to wrap on its own. */
export function deploymentLabel(resolved: ResolvedServing): DeploymentLabel {
  const { deployment: d, contextTokens, batch, running } = resolved;
  return {
    devices: `${formatInteger(d.layout.devices)} × ${d.device.name}`,
    weights: weightsLabel(resolved),
    kv: `${d.kvDtype.toUpperCase()} KV cache`,
    context: `${formatTokensExact(contextTokens)} tokens of context`,
    batch:
      batch < running.offered
        ? `batch ${formatInteger(running.offered)}, ${formatInteger(batch)} running at once (${running.capBy})`
        : `batch ${formatInteger(batch)}`,
    engine: `on ${ENGINE_NAMES[d.memory.engine]}`,
    speculation: speculationLabel(resolved.speculation),
  };
}

/** The whole description on one line, parts joined by commas. */
export function deploymentSentence(resolved: ResolvedServing): string {
  return Object.values(deploymentLabel(resolved))
    .filter((part) => part !== null)
    .join(', ');
}
