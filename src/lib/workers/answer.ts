/**
 * A worker's answer to one request (state/latest-worker.ts): the value computed, or the error
 * that stopped it, named as the core names it (ConfigError: field, value, what is expected).
 */
import { ConfigError } from '../core/index.ts';
import type { WorkerReply } from '../state/latest-worker.ts';

export function answer<T>(id: number, compute: () => T): WorkerReply<T> {
  try {
    return { id, ok: true, value: compute() };
  } catch (error) {
    return {
      id,
      ok: false,
      error:
        error instanceof ConfigError
          ? { field: error.field, message: error.message }
          : { field: null, message: error instanceof Error ? error.message : String(error) },
    };
  }
}
