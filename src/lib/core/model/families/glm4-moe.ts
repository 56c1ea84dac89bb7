import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { ModelSpec } from '../types.ts';

/**
 * GLM-4.5 / 4.6 / 4.7 (models/glm4_moe/modeling_glm4_moe.py) and GLM-4.7-Flash (models/glm4_moe_lite/modeling_glm4_moe_lite.py).
 * Not counted yet (issue 11): the family is not in SUPPORTED_MODEL_TYPES, so no config reaches
 * this reader until it is written.
 */
export function parseGlm4Moe(r: ConfigReader, _family: 'glm4_moe' | 'glm4_moe_lite'): ModelSpec {
  throw new ConfigError(
    'model_type',
    r.raw('model_type'),
    'a family that is counted (not yet: glm4_moe)',
  );
}
