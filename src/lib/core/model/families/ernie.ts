import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { ModelSpec } from '../types.ts';

/**
 * ERNIE-4.5 MoE (models/ernie4_5_moe/modeling_ernie4_5_moe.py).
 * Not counted yet (issue 11): the family is not in SUPPORTED_MODEL_TYPES, so no config reaches
 * this reader until it is written.
 */
export function parseErnie45Moe(r: ConfigReader): ModelSpec {
  throw new ConfigError(
    'model_type',
    r.raw('model_type'),
    'a family that is counted (not yet: ernie4_5_moe)',
  );
}
