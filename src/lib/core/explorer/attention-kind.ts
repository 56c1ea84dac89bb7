/**
 * Attention kinds as the explorer names them: MHA (a KV head per query head), GQA (groups of
 * query heads share one), MQA (one KV head for all), MLA (a compressed latent; DeepSeek-V2
 * paper, section 2.1). For GQA-family models the kind follows from the KV head count alone.
 */
import type { ArchValues } from '../model/overrides.ts';

export type AttentionChoice = 'mha' | 'gqa' | 'mqa' | 'mla' | 'compressed';

/** The most KV heads GQA is given when switching to it from MHA or MQA (Llama 3 and 4 use 8). */
export const DEFAULT_GQA_KV_HEADS = 8;

/**
 * The KV heads GQA gets when switching to it: the largest divisor of the heads that is at most
 * 8 and lies strictly between MQA (1) and MHA (all heads); null when there is none (2 or 3 heads).
 *
 * @example gqaKvHeads(40) // 8
 * @example gqaKvHeads(8) // 4
 * @example gqaKvHeads(2) // null
 */
export function gqaKvHeads(heads: number): number | null {
  for (let d = Math.min(DEFAULT_GQA_KV_HEADS, heads - 1); d > 1; d--) if (heads % d === 0) return d;
  return null;
}

/**
 * The kind of an architecture's attention; `mla` for a kind the controls cannot switch (MLA, or
 * with `compressed` DeepSeek-V4's compressed MQA).
 */
export function attentionKind(arch: ArchValues, mla: boolean, compressed = false): AttentionChoice {
  if (mla) return compressed ? 'compressed' : 'mla';
  if (arch.kvHeads === arch.heads) return 'mha';
  return arch.kvHeads === 1 ? 'mqa' : 'gqa';
}

/** The kinds an architecture can switch between, with labels that state their KV heads. */
export function attentionKindChoices(
  arch: ArchValues,
  mla: boolean,
  compressed = false,
): { value: AttentionChoice; label: string }[] {
  if (mla && compressed) return [{ value: 'compressed', label: 'Compressed MQA (CSA and HCA)' }];
  if (mla) return [{ value: 'mla', label: 'MLA (latent KV)' }];
  const kind = attentionKind(arch, mla);
  const gqaHeads = kind === 'gqa' ? arch.kvHeads : gqaKvHeads(arch.heads);
  return [
    { value: 'mha' as const, label: `MHA (${arch.heads} KV heads)` },
    ...(gqaHeads === null ? [] : [{ value: 'gqa' as const, label: `GQA (${gqaHeads} KV heads)` }]),
    { value: 'mqa' as const, label: 'MQA (1 KV head)' },
  ];
}

/** The KV heads that make `kind`, or null when nothing changes (already that kind, or MLA). */
export function kvHeadsForKind(kind: AttentionChoice, arch: ArchValues): number | null {
  const current = attentionKind(arch, false);
  if (kind === current || kind === 'mla' || kind === 'compressed') return null;
  switch (kind) {
    case 'mha':
      return arch.heads;
    case 'mqa':
      return 1;
    case 'gqa':
      return gqaKvHeads(arch.heads);
  }
}
