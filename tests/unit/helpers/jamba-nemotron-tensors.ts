/**
 * Tensor lists of the hybrid Mamba checkpoints as the Hub stores them, built by hand from the
 * tensor tables of docs/research/families/jamba.md and nemotron_h.md (the modeling files'
 * `named_parameters`), not from the count, so a test of one against the other can fail.
 */
import type { TensorEntry } from '../../../src/lib/core/checkpoint/safetensors.ts';

function tensor(dtype: string) {
  return (name: string, ...shape: number[]): TensorEntry => ({ name, dtype, shape });
}
const bf16 = tensor('BF16');
const f32 = tensor('F32');

export interface JambaShape {
  vocab: number;
  hidden: number;
  intermediate: number;
  layers: number;
  heads: number;
  kvHeads: number;
  experts: number;
  attnPeriod: number;
  attnOffset: number;
  expertPeriod: number;
  expertOffset: number;
  dState: number;
  dConv: number;
  dtRank: number;
  expand: number;
}

/** Jamba-v0.1 and Jamba-1.5-Mini (tests/fixtures/new-families, jamba.md §4). */
export const JAMBA_1_5_MINI: JambaShape = {
  vocab: 65536,
  hidden: 4096,
  intermediate: 14336,
  layers: 32,
  heads: 32,
  kvHeads: 8,
  experts: 16,
  attnPeriod: 8,
  attnOffset: 4,
  expertPeriod: 2,
  expertOffset: 1,
  dState: 16,
  dConv: 4,
  dtRank: 256,
  expand: 2,
};

/** `JambaMambaMixer` (modeling_jamba.py): in/out projections, conv, x/dt projections, A, D, norms. */
function jambaMamba(p: string, s: JambaShape): TensorEntry[] {
  const d = s.expand * s.hidden;
  return [
    bf16(`${p}.mamba.in_proj.weight`, 2 * d, s.hidden),
    bf16(`${p}.mamba.conv1d.weight`, d, 1, s.dConv),
    bf16(`${p}.mamba.conv1d.bias`, d),
    bf16(`${p}.mamba.x_proj.weight`, s.dtRank + 2 * s.dState, d),
    bf16(`${p}.mamba.dt_proj.weight`, d, s.dtRank),
    bf16(`${p}.mamba.dt_proj.bias`, d),
    f32(`${p}.mamba.A_log`, d, s.dState),
    f32(`${p}.mamba.D`, d),
    bf16(`${p}.mamba.out_proj.weight`, s.hidden, d),
    bf16(`${p}.mamba.dt_layernorm.weight`, s.dtRank),
    bf16(`${p}.mamba.b_layernorm.weight`, s.dState),
    bf16(`${p}.mamba.c_layernorm.weight`, s.dState),
  ];
}

function swiglu(p: string, hidden: number, width: number): TensorEntry[] {
  return [
    bf16(`${p}.gate_proj.weight`, width, hidden),
    bf16(`${p}.up_proj.weight`, width, hidden),
    bf16(`${p}.down_proj.weight`, hidden, width),
  ];
}

/** Every tensor of a Jamba checkpoint (transformers v4 names: one module per expert). */
export function jambaTensors(s: JambaShape): TensorEntry[] {
  const hd = s.hidden / s.heads;
  const out = [bf16('model.embed_tokens.weight', s.vocab, s.hidden)];
  for (let i = 0; i < s.layers; i++) {
    const p = `model.layers.${i}`;
    out.push(bf16(`${p}.input_layernorm.weight`, s.hidden));
    if (i % s.attnPeriod === s.attnOffset) {
      out.push(
        bf16(`${p}.self_attn.q_proj.weight`, s.heads * hd, s.hidden),
        bf16(`${p}.self_attn.k_proj.weight`, s.kvHeads * hd, s.hidden),
        bf16(`${p}.self_attn.v_proj.weight`, s.kvHeads * hd, s.hidden),
        bf16(`${p}.self_attn.o_proj.weight`, s.hidden, s.heads * hd),
      );
    } else {
      out.push(...jambaMamba(p, s));
    }
    out.push(bf16(`${p}.pre_ff_layernorm.weight`, s.hidden));
    if (i % s.expertPeriod === s.expertOffset) {
      out.push(bf16(`${p}.feed_forward.router.weight`, s.experts, s.hidden));
      for (let e = 0; e < s.experts; e++) {
        out.push(...swiglu(`${p}.feed_forward.experts.${e}`, s.hidden, s.intermediate));
      }
    } else {
      out.push(...swiglu(`${p}.feed_forward`, s.hidden, s.intermediate));
    }
  }
  out.push(
    bf16('model.final_layernorm.weight', s.hidden),
    bf16('lm_head.weight', s.vocab, s.hidden),
  );
  return out;
}

export interface NemotronHShape {
  pattern: string;
  vocab: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  mambaHeads: number;
  mambaHeadDim: number;
  groups: number;
  stateSize: number;
  convKernel: number;
  /** The `-` blocks' MLP width. */
  intermediate: number;
  experts: number;
  moeIntermediate: number;
  sharedIntermediate: number;
}

/** NVIDIA Nemotron 3 Nano 30B-A3B (tests/fixtures/new-families, nemotron_h.md §4). */
export const NEMOTRON_3_NANO: NemotronHShape = {
  pattern: 'MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEME',
  vocab: 131072,
  hidden: 2688,
  heads: 32,
  kvHeads: 2,
  headDim: 128,
  mambaHeads: 64,
  mambaHeadDim: 64,
  groups: 8,
  stateSize: 128,
  convKernel: 4,
  intermediate: 1856,
  experts: 128,
  moeIntermediate: 1856,
  sharedIntermediate: 3712,
};

/** NVIDIA Nemotron-H-8B-Base-8K (tests/fixtures/new-families, nemotron_h.md §4); no `E` blocks. */
export const NEMOTRON_H_8B: NemotronHShape = {
  pattern: 'M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M*-M-M-M-M-M-',
  vocab: 131072,
  hidden: 4096,
  heads: 32,
  kvHeads: 8,
  headDim: 128,
  mambaHeads: 128,
  mambaHeadDim: 64,
  groups: 8,
  stateSize: 128,
  convKernel: 4,
  intermediate: 21504,
  experts: 0,
  moeIntermediate: 0,
  sharedIntermediate: 0,
};

/** `NemotronHMamba2Mixer` (modular_nemotron_h.py). */
function nemotronMamba(p: string, s: NemotronHShape): TensorEntry[] {
  const d = s.mambaHeads * s.mambaHeadDim;
  const conv = d + 2 * s.groups * s.stateSize;
  return [
    bf16(`${p}.mixer.in_proj.weight`, d + conv + s.mambaHeads, s.hidden),
    bf16(`${p}.mixer.conv1d.weight`, conv, 1, s.convKernel),
    bf16(`${p}.mixer.conv1d.bias`, conv),
    bf16(`${p}.mixer.dt_bias`, s.mambaHeads),
    f32(`${p}.mixer.A_log`, s.mambaHeads),
    f32(`${p}.mixer.D`, s.mambaHeads),
    f32(`${p}.mixer.norm.weight`, d),
    bf16(`${p}.mixer.out_proj.weight`, s.hidden, d),
  ];
}

function upDown(p: string, hidden: number, width: number): TensorEntry[] {
  return [bf16(`${p}.up_proj.weight`, width, hidden), bf16(`${p}.down_proj.weight`, hidden, width)];
}

/** The tensors of one block: M, *, - or E (`NemotronHBlock`: one norm, one mixer). */
function nemotronBlock(block: string, p: string, s: NemotronHShape): TensorEntry[] {
  switch (block) {
    case 'M':
      return nemotronMamba(p, s);
    case '*':
      return [
        bf16(`${p}.mixer.q_proj.weight`, s.heads * s.headDim, s.hidden),
        bf16(`${p}.mixer.k_proj.weight`, s.kvHeads * s.headDim, s.hidden),
        bf16(`${p}.mixer.v_proj.weight`, s.kvHeads * s.headDim, s.hidden),
        bf16(`${p}.mixer.o_proj.weight`, s.hidden, s.heads * s.headDim),
      ];
    case '-':
      return upDown(`${p}.mixer`, s.hidden, s.intermediate);
    default: {
      const out = [
        bf16(`${p}.mixer.gate.weight`, s.experts, s.hidden),
        f32(`${p}.mixer.gate.e_score_correction_bias`, s.experts),
        ...upDown(`${p}.mixer.shared_experts`, s.hidden, s.sharedIntermediate),
      ];
      for (let e = 0; e < s.experts; e++) {
        out.push(...upDown(`${p}.mixer.experts.${e}`, s.hidden, s.moeIntermediate));
      }
      return out;
    }
  }
}

/** Every tensor of a Nemotron-H checkpoint (the Hub's `backbone.*` names, 2-D experts). */
export function nemotronHTensors(s: NemotronHShape): TensorEntry[] {
  const out = [bf16('backbone.embeddings.weight', s.vocab, s.hidden)];
  [...s.pattern].forEach((block, i) => {
    const p = `backbone.layers.${i}`;
    out.push(f32(`${p}.norm.weight`, s.hidden), ...nemotronBlock(block, p, s));
  });
  out.push(f32('backbone.norm_f.weight', s.hidden), bf16('lm_head.weight', s.vocab, s.hidden));
  return out;
}

/**
 * One MTP module of pattern "*E" as the Hub stores it (`mtp.layers.0` attention with enorm, hnorm
 * and eh_proj; `mtp.layers.1` MoE with the final norm: vLLM nemotron_h_mtp.py): 270 tensors for
 * Nemotron 3 Nano's shapes, the count of the Nemotron 3.5 Lightning audit.
 */
export function nemotronHMtpTensors(s: NemotronHShape): TensorEntry[] {
  const h = s.hidden;
  return [
    f32('mtp.layers.0.enorm.weight', h),
    f32('mtp.layers.0.hnorm.weight', h),
    bf16('mtp.layers.0.eh_proj.weight', h, 2 * h),
    f32('mtp.layers.0.norm.weight', h),
    ...nemotronBlock('*', 'mtp.layers.0', s),
    f32('mtp.layers.1.norm.weight', h),
    ...nemotronBlock('E', 'mtp.layers.1', s),
    f32('mtp.layers.1.final_layernorm.weight', h),
  ];
}
