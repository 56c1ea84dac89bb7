/** The ConfigError a call throws, to check its field and message. */
import { ConfigError } from '../../../src/lib/core/index.ts';

/** The ConfigError `fn` throws; rethrows any other error and fails when it throws none. */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
