/**
 * Parameters of each building block of a decoder: MLP, norms, attention (GQA and MLA), router,
 * shared experts, vision tower. Shapes follow the Hugging Face transformers modeling files named
 * at each function; `count.ts` adds them up over the layers.
 */
import { compressedBlocks } from '../model/family-blocks.ts';
import type {
  AttentionSpec,
  MlaAttention,
  MlpSpec,
  MoeSpec,
  NormSpec,
  QkNorm,
  Qwen3VlVision,
  StateMixerSpec,
  VisionSpec,
} from '../model/types.ts';

/**
 * Parameters of one MLP. Gated (SwiGLU): gate and up Linear(h, I), down Linear(I, h); plain:
 * up and down. Biases add I per input projection and h for the output.
 * Source: models/llama/modeling_llama.py `LlamaMLP`; models/gpt_oss/modeling_gpt_oss.py `GptOssExperts`.
 *
 * @example mlpParams(4096, { intermediateSize: 14336, gated: true, bias: false }) // 176_160_768
 */
export function mlpParams(hidden: number, mlp: MlpSpec): number {
  const inputs = mlp.gated ? 2 : 1;
  const weights = (inputs + 1) * hidden * mlp.intermediateSize;
  const biases = mlp.bias ? inputs * mlp.intermediateSize + hidden : 0;
  return weights + biases;
}

/** RMSNorm has a weight of `width`; LayerNorm a weight and, with bias, a bias. (torch.nn.LayerNorm) */
export function normParams(width: number, norm: NormSpec): number {
  return norm.bias ? 2 * width : width;
}

/**
 * Parameters of one attention block.
 * - GQA/MHA/MQA: q and o are heads x headDim wide, k and v kvHeads x headDim
 *   (models/llama/modeling_llama.py `LlamaAttention`); q/k norms per head (models/qwen3_moe) or
 *   full width (models/olmoe); one sink per head (models/gpt_oss).
 * - MLA: q_a (h -> qLoraRank) + q_a_layernorm + q_b (-> heads x (nope + rope)), or q_proj when
 *   qLoraRank is null; kv_a_proj_with_mqa (h -> kvLoraRank + rope) + kv_a_layernorm;
 *   kv_b (kvLoraRank -> heads x (nope + v)); o (heads x v -> h)
 *   (models/deepseek_v3/modeling_deepseek_v3.py `DeepseekV3Attention`; DeepSeek-V2 paper 2.1),
 *   plus DeepSeek-V3.2's lightning indexer where there is one (`indexerParams`).
 *
 * @example attentionParams(4096, llama31_8b.attention) // 41_943_040
 */
export function attentionParams(hidden: number, attention: AttentionSpec): number {
  switch (attention.kind) {
    case 'gqa': {
      const { heads, kvHeads, headDim } = attention;
      const qWidth = heads * headDim;
      const kvWidth = kvHeads * headDim;
      // A gated q_proj computes the query and the output gate: twice the width (models/qwen3_next).
      const qOut = attention.outputGate ? 2 * qWidth : qWidth;
      let n = hidden * qOut + 2 * hidden * kvWidth + qWidth * hidden;
      if (attention.qkvBias) n += qOut + 2 * kvWidth;
      if (attention.outBias) n += hidden;
      n += qkNormParams(attention.qkNorm, headDim, qWidth, kvWidth);
      if (attention.sinks) n += heads;
      return n;
    }
    case 'mla': {
      const { heads, qLoraRank, kvLoraRank, qkNopeHeadDim, qkRopeHeadDim, vHeadDim } = attention;
      const qHeadDim = qkNopeHeadDim + qkRopeHeadDim;
      const bias = attention.bias ? 1 : 0;
      const q =
        qLoraRank === null
          ? hidden * heads * qHeadDim
          : hidden * qLoraRank + bias * qLoraRank + qLoraRank + qLoraRank * heads * qHeadDim;
      const kvA = hidden * (kvLoraRank + qkRopeHeadDim) + bias * (kvLoraRank + qkRopeHeadDim);
      const kvB = kvLoraRank + kvLoraRank * heads * (qkNopeHeadDim + vHeadDim);
      const o = heads * vHeadDim * hidden + bias * hidden;
      return q + kvA + kvB + o + indexerParams(hidden, attention);
    }
    case 'compressed':
      // DeepSeek-V4 (model/families/deepseek-v4-blocks.ts `coreAttentionParams`).
      return compressedBlocks().attention(hidden, attention);
  }
}

/**
 * DeepSeek-V3.2's lightning indexer (DeepSeek-V3.2-Exp `inference/model.py` `Indexer`): wq_b
 * (qLoraRank -> heads x headDim), wk (h -> headDim), k_norm LayerNorm with bias (2 x headDim),
 * weights_proj (h -> heads); no biases on the linears. V3.2: 12,582,912 + 917,504 + 256 + 458,752
 * = 13,959,424 per layer.
 */
export function indexerParams(hidden: number, attention: MlaAttention): number {
  const indexer = attention.indexer ?? null;
  if (indexer === null || attention.qLoraRank === null) return 0;
  const { heads, headDim } = indexer;
  return heads * headDim * attention.qLoraRank + hidden * headDim + 2 * headDim + hidden * heads;
}

/**
 * Parameters of one linear-attention or state-space layer's mixer (`h` the hidden size).
 * - Gated DeltaNet (models/qwen3_next/modular_qwen3_next.py `Qwen3NextGatedDeltaNet`):
 *   in_proj_qkvz Linear(h, 2 key + 2 value), in_proj_ba Linear(h, 2 valueHeads), conv1d over
 *   q, k, v without bias (conv x kernel), dt_bias and A_log (valueHeads each), a gated RMSNorm of
 *   valueHeadDim, out_proj Linear(value, h); no biases. Qwen3-Next-80B-A3B: 33,718,464.
 * - KDA (Kimi-Linear `modeling_kimi.py` `KimiDeltaAttention`, P = heads x headDim): q, k, v
 *   Linear(h, P), three short convolutions P x kernel, f_a/g_a Linear(h, headDim), f_b/g_b
 *   Linear(headDim, P), dt_bias P, A_log heads, b_proj Linear(h, heads), o_norm headDim,
 *   o_proj Linear(P, h). Kimi-Linear-48B: 39,514,272.
 * - Lightning attention (MiniMax-Text-01 `MiniMaxText01LightningAttention`, P = heads x headDim):
 *   qkv_proj Linear(h, 3P), output_gate Linear(h, P), norm P, out_proj Linear(P, h); its decay
 *   slopes are computed, not stored. MiniMax-Text-01: 251,666,432.
 * - Mamba-1 (models/jamba/modeling_jamba.py `JambaMambaMixer`, d = innerSize, r = dtRank,
 *   n = stateSize): in_proj Linear(h, 2d), conv1d d x kernel (+ d bias), x_proj Linear(d, r + 2n),
 *   dt_proj Linear(r, d) with bias, A_log d x n, D d, out_proj Linear(d, h); Jamba's RMSNorms of
 *   r, n and n. Jamba-v0.1: 105,308,448.
 * - Mamba-2 (models/nemotron_h `NemotronHMamba2Mixer`, models/bamba `BambaMixer`; d = heads x
 *   headDim, conv = d + 2 x groups x stateSize): in_proj Linear(h, d + conv + heads), conv1d
 *   conv x kernel (+ conv bias), dt_bias, A_log, D (heads each), a gated RMSNorm of d,
 *   out_proj Linear(d, h). Nemotron-H-8B: 109,635,968.
 */
export function stateMixerParams(h: number, mixer: StateMixerSpec): number {
  switch (mixer.kind) {
    case 'gated_deltanet': {
      const key = mixer.keyHeads * mixer.keyHeadDim;
      const value = mixer.valueHeads * mixer.valueHeadDim;
      const conv = (2 * key + value) * mixer.convKernel;
      const vh = mixer.valueHeads;
      return (
        h * (2 * key + 2 * value) + 2 * vh * h + conv + 2 * vh + mixer.valueHeadDim + value * h
      );
    }
    case 'kda': {
      const { heads, headDim, convKernel } = mixer;
      const p = heads * headDim;
      const projections = 3 * p * h + heads * h + p * h; // q, k, v; b_proj; o_proj
      const gates = 2 * headDim * h + 2 * p * headDim; // f_a, g_a; f_b, g_b
      return projections + gates + 3 * p * convKernel + p + heads + headDim;
    }
    case 'lightning': {
      const p = mixer.heads * mixer.headDim;
      return 5 * p * h + p;
    }
    case 'mamba1': {
      const { innerSize: d, stateSize: n, convKernel, dtRank: r } = mixer;
      const bias = mixer.projBias ? 2 * d + h : 0;
      const convBias = mixer.convBias ? d : 0;
      const norms = mixer.innerNorms ? r + 2 * n : 0;
      return (
        3 * d * h +
        bias +
        d * convKernel +
        convBias +
        d * (r + 2 * n) +
        r * d +
        d +
        d * n +
        d +
        norms
      );
    }
    case 'mamba2': {
      const d = mixer.heads * mixer.headDim;
      const conv = d + 2 * mixer.groups * mixer.stateSize;
      const inProj = d + conv + mixer.heads;
      const bias = mixer.projBias ? inProj + h : 0;
      return (
        h * inProj +
        bias +
        conv * mixer.convKernel +
        (mixer.convBias ? conv : 0) +
        3 * mixer.heads +
        d +
        d * h
      );
    }
  }
}

function qkNormParams(qkNorm: QkNorm, headDim: number, qWidth: number, kvWidth: number): number {
  switch (qkNorm) {
    case 'none':
    case 'weightless':
      return 0;
    case 'per-head':
      return 2 * headDim;
    case 'full':
      return qWidth + kvWidth;
  }
}

/**
 * The router: Linear(h, experts), with a bias (gpt-oss `router`) and/or DeepSeek-V3's
 * `e_score_correction_bias` of one value per expert (models/deepseek_v3 `DeepseekV3TopkRouter`).
 */
export function routerParams(hidden: number, moe: MoeSpec): number {
  // LongCat-Flash's router scores its zero-computation experts too: E + Z outputs and biases
  // (models/longcat_flash `LongcatFlashTopkRouter.classifier`, `e_score_correction_bias`).
  const slots = moe.experts + (moe.zeroExperts ?? 0);
  return hidden * slots + (moe.routerBias ? slots : 0) + (moe.scoreCorrectionBias ? slots : 0);
}

/** Shared experts and their optional sigmoid gate Linear(h, 1) (models/qwen2_moe `shared_expert_gate`). */
export function sharedExpertParams(hidden: number, moe: MoeSpec): number {
  if (moe.shared === null) return 0;
  return moe.shared.count * mlpParams(hidden, moe.shared.mlp) + (moe.shared.gate ? hidden : 0);
}

/**
 * Llama 4's vision tower, pixel-shuffle adapter and multi-modal projector
 * (models/llama4/modeling_llama4.py): an unfold-conv patch embedding Linear(c x p x p, d) without
 * bias, a class embedding (d), positional embeddings ((image/patch)^2 + 1) x d, LayerNorms
 * before and after, `layers` encoder layers (q, k, v, o with bias; fc1, fc2 with bias; two
 * LayerNorms with bias), the adapter MLP (fc1: intermediate -> projector_input_dim,
 * fc2: projector_output_dim -> projector_output_dim, no bias), and the projector
 * Linear(vision_output_dim, text hidden). Qwen3-VL: `qwen3VlVisionParams`.
 *
 * @example visionParams(scoutVision, 5120) // 871_932_416
 */
export function visionParams(vision: VisionSpec, textHidden: number): number {
  switch (vision.kind) {
    case 'llama4': {
      const d = vision.hiddenSize;
      const patches = (vision.imageSize / vision.patchSize) ** 2 + 1;
      const layerNorm = 2 * d;
      const patchEmbedding = vision.channels * vision.patchSize ** 2 * d;
      const encoderLayer =
        4 * (d * d + d) + // q, k, v, o with bias
        (d * vision.intermediateSize + vision.intermediateSize) + // fc1
        (vision.intermediateSize * d + d) + // fc2
        2 * layerNorm;
      const adapter =
        vision.intermediateSize * vision.projectorInputDim +
        vision.projectorOutputDim * vision.projectorOutputDim;
      const projector =
        vision.visionOutputDim * textHidden + (vision.projectorBias ? textHidden : 0);
      return (
        patchEmbedding +
        d + // class embedding
        patches * d +
        2 * layerNorm +
        vision.layers * encoderLayer +
        adapter +
        projector
      );
    }
    case 'qwen3_vl':
      return qwen3VlVisionParams(vision, textHidden);
  }
}

/**
 * Qwen3-VL's vision tower (models/qwen3_vl/modeling_qwen3_vl.py, used by
 * models/qwen3_vl_moe/modeling_qwen3_vl_moe.py): `Qwen3VLVisionPatchEmbed` Conv3d
 * [d, c, t, p, p] with bias; `pos_embed` Embedding(num_position_embeddings, d); `depth` x
 * `Qwen3VLVisionBlock` (norm1, norm2 LayerNorm(d) with bias; attn.qkv Linear(d, 3d) and attn.proj
 * Linear(d, d), both with bias; mlp.linear_fc1 Linear(d, I), linear_fc2 Linear(I, d), with bias);
 * `merger` = `Qwen3VLVisionPatchMerger` (LayerNorm(d), linear_fc1 Linear(m, m), linear_fc2
 * Linear(m, out), with bias; m = d x spatial_merge_size^2, out = text hidden); and one
 * `deepstack_merger_list` entry per deepstack index: the same merger with LayerNorm(m)
 * (`use_postshuffle_norm=True`). `rotary_pos_emb` holds only a buffer.
 *
 * @example qwen3VlVisionParams(qwen3Vl30bVision, 2048) // 538_631_408 (docs/research/families/qwen3_vl_moe.md)
 */
function qwen3VlVisionParams(vision: Qwen3VlVision, textHidden: number): number {
  const d = vision.hiddenSize;
  const i = vision.intermediateSize;
  const m = d * vision.spatialMergeSize ** 2;
  const patchEmbedding = d * vision.channels * vision.temporalPatchSize * vision.patchSize ** 2 + d;
  const block = 2 * 2 * d + (3 * d * d + 3 * d) + (d * d + d) + (i * d + i) + (d * i + d);
  const mergerLinears = m * m + m + textHidden * m + textHidden;
  const merger = 2 * d + mergerLinears;
  const deepstackMerger = 2 * m + mergerLinears;
  return (
    patchEmbedding +
    vision.positionEmbeddings * d +
    vision.layers * block +
    merger +
    vision.deepstackMergers * deepstackMerger
  );
}
