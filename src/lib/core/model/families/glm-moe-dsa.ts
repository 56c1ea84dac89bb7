import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { AttentionLayerKind, ModelSpec, MoeLayerPattern } from '../types.ts';
import { GLOBAL } from './common.ts';
import { parseDeepseek } from './deepseek.ts';
import { layerPattern } from './layer-pattern.ts';

/**
 * GLM-5, GLM-5.1, GLM-5.2 and GLM-5.3 (models/glm_moe_dsa/modular_glm_moe_dsa.py,
 * configuration_glm_moe_dsa.py; research: docs/research/families/glm_moe_dsa.md): DeepSeek-V3.2's
 * layers (MLA, the DSA lightning indexer, sigmoid routing with `e_score_correction_bias`, shared
 * experts, one MTP layer) with two of GLM's own rules:
 *
 * - Which layers hold an indexer (`self.indexer = None if self.skip_topk`): `indexer_types`
 *   ("full" / "shared" per layer), else `index_topk_pattern` (a string of F and S, or a list),
 *   else "full" where max(i - `index_skip_topk_offset` + 1, 0) % `index_topk_freq` == 0
 *   (defaults 2 and 1: every layer). GLM-5 and 5.1 give none of these: 78 indexers; GLM-5.2's
 *   IndexShare (freq 4, offset 3) keeps 21, layers 0, 1, 2, 6, 10, ..., 74. The MTP layer always
 *   has one (the checkpoint's `model.layers.78.self_attn.indexer.*`).
 * - Dense or MoE by `mlp_layer_types` ("dense" / "sparse"), else the first
 *   `first_k_dense_replace` (3) dense; `moe_layer_freq` is not read.
 *
 * `head_dim` and `qk_head_dim` in the configs do not size anything (the config class sets head_dim
 * to qk_rope_head_dim); MLA reads qk_nope_head_dim 192, qk_rope_head_dim 64 and v_head_dim 256.
 *
 * @example countParams(parseHFConfig(glm52)).total // 743_377_019_904 (+ MTP 9_952_920_576)
 */
export function parseGlmMoeDsa(r: ConfigReader): ModelSpec {
  // DeepSeek-V3.2's spec, made here and no one else's: set its GLM fields in place rather than
  // copy it (a parse runs on every slider move; tests/perf/params.perf.test.ts).
  const spec = parseDeepseek(r, 'deepseek_v32');
  spec.family = 'glm_moe_dsa';
  spec.attentionPattern = layerPattern(spec.layers, readIndexerKinds(r, spec.layers));
  spec.moeLayers = readDenseLayers(r, spec.layers);
  return spec;
}

/** A layer that reuses the last indexer's top-k and holds none of its own. */
const SHARED: AttentionLayerKind = { ...GLOBAL, indexer: false };

/**
 * Layer i's kind: GLOBAL with its indexer, or SHARED (configuration_glm_moe_dsa.py
 * `__post_init__`), as a function of i (no per-layer array where a rule gives it).
 */
function readIndexerKinds(r: ConfigReader, layers: number): (i: number) => AttentionLayerKind {
  const listed = r.optArray('indexer_types', (value, field) => {
    if (value === 'full') return GLOBAL;
    if (value === 'shared') return SHARED;
    throw new ConfigError(field(), value, '"full" or "shared"');
  });
  if (listed !== null) {
    if (listed.length !== layers)
      throw new ConfigError(
        r.field('indexer_types'),
        listed.length,
        `${layers} entries (num_hidden_layers)`,
      );
    return (i) => listed[i]!;
  }
  const pattern = r.raw('index_topk_pattern');
  if (typeof pattern === 'string') {
    if (!/^[FS]+$/.test(pattern) || pattern.length !== layers)
      throw new ConfigError(r.field('index_topk_pattern'), pattern, `${layers} letters F or S`);
    return (i) => (pattern[i] === 'F' ? GLOBAL : SHARED);
  }
  if (pattern !== undefined && pattern !== null)
    throw new ConfigError(r.field('index_topk_pattern'), pattern, 'a string of F and S, or null');
  const freq = r.optInt('index_topk_freq', 1);
  const offset = r.optInt('index_skip_topk_offset', 2, 0);
  return (i) => (Math.max(i - offset + 1, 0) % freq === 0 ? GLOBAL : SHARED);
}

/**
 * The dense layers: "dense" in `mlp_layer_types`, else the first `first_k_dense_replace`. Dense
 * layers that are the first k (every GLM-5 config) are a dense prefix, as DeepSeek's, so the
 * explorer's "Dense prefix" control shows them; others are listed.
 */
function readDenseLayers(r: ConfigReader, layers: number): MoeLayerPattern {
  const types = r.optArray('mlp_layer_types', (value, field) => {
    if (value === 'dense' || value === 'sparse') return value;
    throw new ConfigError(field(), value, '"dense" or "sparse"');
  });
  if (types === null) {
    const first = Math.min(r.optInt('first_k_dense_replace', 3, 0), layers);
    return { firstDense: first, step: 1, offset: 0, denseLayers: [] };
  }
  if (types.length !== layers)
    throw new ConfigError(
      r.field('mlp_layer_types'),
      types.length,
      `${layers} entries (num_hidden_layers)`,
    );
  const dense: number[] = [];
  for (let i = 0; i < layers; i++) if (types[i] === 'dense') dense.push(i);
  return dense.every((layer, i) => layer === i)
    ? { firstDense: dense.length, step: 1, offset: 0, denseLayers: [] }
    : { firstDense: 0, step: 1, offset: 0, denseLayers: dense };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseGlmMoeDsa as read };
