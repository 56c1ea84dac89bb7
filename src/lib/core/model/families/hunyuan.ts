import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { ModelSpec } from '../types.ts';

/**
 * Hunyuan-A13B (models/hunyuan_v1_moe/modeling_hunyuan_v1_moe.py; the older remote-code "hunyuan" config).
 * Not counted yet (issue 11): the family is not in SUPPORTED_MODEL_TYPES, so no config reaches
 * this reader until it is written.
 */
export function parseHunyuanMoe(r: ConfigReader): ModelSpec {
  throw new ConfigError(
    'model_type',
    r.raw('model_type'),
    'a family that is counted (not yet: hunyuan_v1_moe)',
  );
}
