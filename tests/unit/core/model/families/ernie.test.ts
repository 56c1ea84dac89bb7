import { describe, expect, it } from 'vitest';
import { countParams, expandLayers, parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseErnie45Moe } from '../../../../../src/lib/core/model/families/ernie.ts';
import { readJson } from '../../../helpers/fixtures.ts';

/*
 * No verbatim ERNIE-4.5 MoE config.json was found (docs/research/families/ernie4_5_moe.md,
 * section 4). These test configs are BUILT from the documented shape fields of the five Hub
 * configs (that note's table: DinoML config sweep of the raw Hub files, agreeing with MindIE's
 * test dicts), not copied from a checkpoint; fields transformers does not read are left out.
 */
const ernie21bThinking = {
  architectures: ['Ernie4_5_MoeForCausalLM'],
  model_type: 'ernie4_5_moe',
  hidden_size: 2560,
  intermediate_size: 12288,
  num_hidden_layers: 28,
  num_attention_heads: 20,
  num_key_value_heads: 4,
  vocab_size: 103424,
  use_bias: false,
  tie_word_embeddings: true,
  moe_num_experts: 64,
  moe_k: 6,
  moe_intermediate_size: 1536,
  moe_num_shared_experts: 2,
  moe_layer_start_index: 1,
  // -Thinking omits moe_layer_end_index (default -1: the last layer); -PT says 27.
  moe_layer_interval: 1,
};

const ernie300b = {
  architectures: ['Ernie4_5_MoeForCausalLM'],
  model_type: 'ernie4_5_moe',
  hidden_size: 8192,
  intermediate_size: 28672,
  num_hidden_layers: 54,
  num_attention_heads: 64,
  num_key_value_heads: 8,
  vocab_size: 103424,
  use_bias: false,
  tie_word_embeddings: false,
  moe_num_experts: 64,
  moe_k: 8,
  moe_intermediate_size: 3584,
  moe_num_shared_experts: 0,
  moe_layer_start_index: 3,
  moe_layer_end_index: 53,
  moe_layer_interval: 1,
  num_nextn_predict_layers: 1,
};

describe('parseErnie45Moe on ERNIE-4.5 configs built from the documented fields, counted', () => {
  it('countParams(ERNIE-4.5-21B-A3B-Thinking) is the Hub total, 21,825,437,888', () => {
    const count = countParams(parseHFConfig(ernie21bThinking));
    // 21,825,437,888: the Hub API's safetensors.parameters for baidu/ERNIE-4.5-21B-A3B-Thinking
    // (F32 4,425,408 + BF16 21,821,012,480), as saved in daniel-p-green/alain-ai-learning-platform
    // out/research-baidu-ernie-4-5-21b-a3b-thinking/sources/huggingface/model.json @ 522537bc
    // (docs/research/families/ernie4_5_moe.md section 4). From the shapes: layer 0 dense
    // 15,728,640 (attention) + 94,371,840 + 5,120 = 110,105,600; 27 MoE layers of 15,728,640 +
    // 64·11,796,480 + shared 3·2560·3072 (23,592,960) + router 163,840 + correction bias 64 +
    // 5,120 = 794,465,344; embedding 264,765,440 (tied) + final norm 2,560.
    expect(count.total).toBe(21_825_437_888);
    // Active, derived by hand: 58 of 64 experts idle in 27 layers: 21,825,437,888 −
    // 27·58·11,796,480 (= 18,473,287,680) = 3,352,150,208; the tied matrix counts once.
    // Headline: "21B total, 3B active" (transformers docs/source/en/model_doc/ernie4_5_moe.md).
    expect(count.active).toBe(3_352_150_208);
  });

  it('ERNIE-4.5-21B-A3B-PT (moe_layer_end_index 27) counts the same', () => {
    const spec = parseHFConfig({ ...ernie21bThinking, moe_layer_end_index: 27 });
    expect(countParams(spec).total).toBe(21_825_437_888);
  });

  it('the -PT config the serving cases name (new-families/ernie-4.5-21b-a3b-pt.config.json) is this one', () => {
    const file = readJson('new-families/ernie-4.5-21b-a3b-pt.config.json') as Record<
      string,
      unknown
    >;
    expect(file).toEqual({
      ...ernie21bThinking,
      moe_layer_end_index: 27,
      num_nextn_predict_layers: 1,
      torch_dtype: 'bfloat16',
    });
    expect(countParams(parseHFConfig(file)).total).toBe(21_825_437_888);
  });

  it('countParams(ERNIE-4.5-300B-A47B) is 299,484,163,264, hand-derived (no exact total published)', () => {
    const count = countParams(parseHFConfig(ernie300b));
    // Hand-derived from the shapes (no exact published total; headline "300B total"):
    // attention 2·8192·8192 + 2·1024·8192 = 150,994,944; norms 16,384 per layer.
    // 3 dense layers: 150,994,944 + 3·8192·28672 (704,643,072) + 16,384 = 855,654,400 each
    // → 2,566,963,200. 51 MoE layers: 150,994,944 + 64·3·8192·3584 (5,637,144,576) + router
    // 524,288 + correction bias 64 + 16,384 = 5,788,680,256 each → 295,222,693,056.
    // Embedding and lm_head 103,424·8192 = 847,249,408 each; final norm 8,192.
    // 2,566,963,200 + 295,222,693,056 + 1,694,498,816 + 8,192 = 299,484,163,264.
    expect(count.total).toBe(299_484_163_264);
    // Active: 56 of 64 experts idle in 51 layers: 299,484,163,264 − 51·56·88,080,384
    // (= 251,557,576,704) = 47,926,586,560 (headline "47B active").
    expect(count.active).toBe(47_926_586_560);
    // transformers never builds the MTP module (`_keys_to_ignore_on_load_unexpected = ["mtp"]`).
    expect(count.mtp).toBe(0);
  });
});

describe('parseErnie45Moe', () => {
  it('reads the MoE range start..end with the 1-based interval rule', () => {
    const spec = parseHFConfig({
      ...ernie21bThinking,
      num_hidden_layers: 10,
      moe_layer_start_index: 2,
      moe_layer_end_index: 7,
      moe_layer_interval: 2,
    });
    // (i + 1) % 2 == 0 and 2 <= i <= 7: layers 3, 5, 7.
    const moe = expandLayers(spec).flatMap((l) => (l.ffn.kind === 'moe' ? [l.index] : []));
    expect(moe).toEqual([3, 5, 7]);
  });

  it('reads the config-class defaults and the num_experts / num_experts_per_tok aliases', () => {
    const spec = parseErnie45Moe(
      new ConfigReader({
        model_type: 'ernie4_5_moe',
        hidden_size: 2560,
        intermediate_size: 12288,
        num_hidden_layers: 28,
        num_attention_heads: 20,
        num_key_value_heads: 4,
        vocab_size: 103424,
        num_experts: 32,
        num_experts_per_tok: 4,
      }),
    );
    expect(spec.tieEmbeddings).toBe(true);
    expect(spec.moeLayers).toEqual({ firstDense: 1, step: 1, offset: 0, denseLayers: [] });
    expect(spec.moe).toMatchObject({
      experts: 32,
      topK: 4,
      expert: { intermediateSize: 1536 },
      scoreCorrectionBias: true,
      shared: { count: 1, mlp: { intermediateSize: 3072 }, gate: false },
    });
  });

  it('use_bias puts a bias on q, k, v, o, every MLP and the lm_head', () => {
    const plain = countParams(parseHFConfig(ernie300b)).total;
    const biased = countParams(parseHFConfig({ ...ernie300b, use_bias: true })).total;
    // Per layer: q 8192 + k, v 2·1024 + o 8192 = 18,432; dense MLP 2·28672 + 8192 = 65,536;
    // MoE 64 experts × (2·3584 + 8192) = 983,040. lm_head 103,424.
    expect(biased - plain).toBe(54 * 18_432 + 3 * 65_536 + 51 * 983_040 + 103_424);
  });
});
