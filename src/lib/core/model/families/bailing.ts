import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { ModelSpec } from '../types.ts';

/**
 * Ling / Bailing MoE (inclusionAI remote code modeling_bailing_moe.py).
 * Not counted yet (issue 11): the family is not in SUPPORTED_MODEL_TYPES, so no config reaches
 * this reader until it is written.
 */
export function parseBailingMoe(r: ConfigReader): ModelSpec {
  throw new ConfigError(
    'model_type',
    r.raw('model_type'),
    'a family that is counted (not yet: bailing_moe)',
  );
}
