/**
 * The readers of families without a preset load on demand (core `loadFamilyReaders`): the page
 * and the element download them only for a model that needs them. Whatever opens a model (a
 * link, back and forward, an import) waits for them here first. A failed load is not thrown:
 * opening the model then says that its family could not be read, and the rest keeps working.
 */
import { familyReaderLoaded, loadFamilyReaders, SUPPORTED_MODEL_TYPES } from '../core/index.ts';

const settled = () => loadFamilyReaders().catch(() => undefined);

/**
 * Resolves when a link's model can be read: null when it can be at once (a preset, a preset
 * family, or no `x.model_type` edit); else a promise that never rejects.
 *
 * @example linkReadersLoading('m=qwen3-30b-a3b&x.model_type=%22glm4_moe%22') // Promise (GLM-4.5)
 */
export function linkReadersLoading(query: string): Promise<void> | null {
  const text = new URLSearchParams(query).get('x.model_type');
  if (text === null) return null;
  let modelType: unknown;
  try {
    modelType = JSON.parse(text);
  } catch {
    return null; // the link's decoder reports it
  }
  return familyReaderLoaded(modelType) ? null : settled();
}

/**
 * Runs `then` once every family can be read (at once when they all are, as after a first
 * import); for an import, whose model_type may be any. Runs it even if the load fails: the
 * import then reports that the family could not be read.
 */
export function whenAllReadersLoaded(then: () => void): void {
  if (Object.keys(SUPPORTED_MODEL_TYPES).every(familyReaderLoaded)) then();
  else void settled().then(then);
}
