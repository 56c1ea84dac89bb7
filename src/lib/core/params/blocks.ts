/**
 * Parameters of each building block of a decoder: MLP, norms, attention (GQA and MLA), router,
 * shared experts, vision tower. Shapes follow the Hugging Face transformers modeling files named
 * at each function; `count.ts` adds them up over the layers.
 */
import type {
  AttentionSpec,
  MlaAttention,
  MlpSpec,
  MoeSpec,
  NormSpec,
  QkNorm,
  Qwen3VlVision,
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
      let n = hidden * qWidth + 2 * hidden * kvWidth + qWidth * hidden;
      if (attention.qkvBias) n += qWidth + 2 * kvWidth;
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
  }
}

/**
 * DeepSeek-V3.2's lightning indexer (DeepSeek-V3.2-Exp `inference/model.py` `Indexer`): wq_b
 * (qLoraRank -> heads x headDim), wk (h -> headDim), k_norm LayerNorm with bias (2 x headDim),
 * weights_proj (h -> heads); no biases on the linears. V3.2: 12,582,912 + 917,504 + 256 + 458,752
 * = 13,959,424 per layer.
 */
function indexerParams(hidden: number, attention: MlaAttention): number {
  const indexer = attention.indexer ?? null;
  if (indexer === null || attention.qLoraRank === null) return 0;
  const { heads, headDim } = indexer;
  return heads * headDim * attention.qLoraRank + hidden * headDim + 2 * headDim + hidden * heads;
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
  return (
    hidden * moe.experts +
    (moe.routerBias ? moe.experts : 0) +
    (moe.scoreCorrectionBias ? moe.experts : 0)
  );
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
