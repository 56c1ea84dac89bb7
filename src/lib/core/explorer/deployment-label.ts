/**
 * The deployment a set of numbers describes, in words: what the headline, the serving panel and
 * the compare columns say they are about.
 */
import type { ResolvedServing } from '../serving/resolve.ts';
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
}

/** The parts of a deployment's description, each short enough to wrap on its own. */
export function deploymentLabel(resolved: ResolvedServing): DeploymentLabel {
  const { deployment: d, contextTokens, batch } = resolved;
  return {
    devices: `${formatInteger(d.layout.devices)} × ${d.device.name}`,
    weights: weightsLabel(resolved),
    kv: `${d.kvDtype.toUpperCase()} KV cache`,
    context: `${formatTokensExact(contextTokens)} tokens of context`,
    batch: `batch ${formatInteger(batch)}`,
  };
}

/** The whole description on one line, parts joined by commas. */
export function deploymentSentence(resolved: ResolvedServing): string {
  return Object.values(deploymentLabel(resolved)).join(', ');
}
