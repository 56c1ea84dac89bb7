/**
 * The count proven against a checkpoint (core checkCheckpoint), in the page's words: one line
 * for the total, one for where it differs by component, one for what is stored beside the
 * parameters (scales, buffers, MTP layers), named and set apart.
 */
import {
  formatInteger,
  PARAM_COMPONENTS,
  plural,
  type CheckpointCheck,
  type StoredExtra,
} from '../core/index.ts';

/** What the page says about a check: whether the total matches (null: not checked), and why. */
export interface CheckSummary {
  matches: boolean | null;
  lines: string[];
}

/** The stored extras as the page names them (core checkpoint/classify.ts StoredExtra). */
const EXTRA_NAMES: Record<StoredExtra, string> = {
  scale: 'quantization scales (FP8, MXFP4)',
  buffer: 'saved buffers (rotary inv_freq)',
  mtp: 'MTP layers (counted apart)',
};

function label(component: string): string {
  if (component === 'unknown') return 'tensors no rule names';
  return PARAM_COMPONENTS.find((c) => c.key === component)?.label ?? component;
}

const signed = (n: number) => `${n > 0 ? '+' : '−'}${formatInteger(Math.abs(n))}`;

/**
 * The lines for a check whose count totals `counted` parameters.
 *
 * @example describeCheck({ tensors: 995, total: 46702792704, matches: true, ... }, 46702792704).lines[0]
 *   // 'Checked against the checkpoint: 995 tensors, total matches to the parameter (46,702,792,704).'
 */
export function describeCheck(check: CheckpointCheck, counted: number): CheckSummary {
  const tensors = plural(check.tensors, 'tensor');
  const lines = check.matches
    ? [`Checked against the checkpoint: ${tensors}, total matches to the parameter (${formatInteger(check.total)}).`]
    : [
        `Checked against the checkpoint: ${tensors} hold ${formatInteger(check.total)} parameters, not the count's ${formatInteger(counted)}.`,
        `Checkpoint minus count: ${check.differences.map((d) => `${label(d.component)} ${signed(d.parameters)}`).join('; ') || 'no component differs'}.`,
      ];
  if (check.unknown.length > 0)
    lines.push(`Tensors no rule names: ${check.unknown.slice(0, 3).join(', ')}${check.unknown.length > 3 ? ` and ${check.unknown.length - 3} more` : ''}.`);
  if (check.extras.length > 0)
    lines.push(`Stored apart, not parameters of inference: ${check.extras.map((e) => `${EXTRA_NAMES[e.kind]}, ${plural(e.tensors, 'tensor')} of ${formatInteger(e.elements)} values`).join('; ')}.`);
  return { matches: check.matches, lines };
} // prettier-ignore

/** The line for a check that could not be made, and why. */
export function notChecked(reason: string): CheckSummary {
  return { matches: null, lines: [`Not checked against the checkpoint: ${reason}`] };
}
