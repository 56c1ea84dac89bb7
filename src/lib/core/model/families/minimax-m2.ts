import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { ModelSpec } from '../types.ts';

/**
 * MiniMax-M2 (models/minimax_m2/modeling_minimax_m2.py).
 * Not counted yet (issue 11): the family is not in SUPPORTED_MODEL_TYPES, so no config reaches
 * this reader until it is written.
 */
export function parseMinimaxM2(r: ConfigReader): ModelSpec {
  throw new ConfigError(
    'model_type',
    r.raw('model_type'),
    'a family that is counted (not yet: minimax_m2)',
  );
}
