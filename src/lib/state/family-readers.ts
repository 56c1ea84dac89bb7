/**
 * The readers of families without a preset and the local devices (consumer GPUs, Apple silicon)
 * load on demand (core `loadFamilyReaders`, `loadLocalDevices`): the page and the element
 * download them only for a model or a device that needs them. Whatever opens a link (the page,
 * back and forward, an element's state) waits for them here first. A failed load is not thrown:
 * opening the link then says that its family could not be read or its device is unknown, and
 * the rest keeps working.
 */
import {
  DEVICE_IDS,
  familyReaderLoaded,
  loadFamilyReaders,
  loadLocalDevices,
  SUPPORTED_MODEL_TYPES,
} from '../core/index.ts';

const settled = () => loadFamilyReaders().catch(() => undefined);

// Set once the local devices loaded or failed to: an id still unknown then is not waited for.
let devicesTried = false;

/** The model's family readers, or null when they are at hand (or need none). */
function readersLoading(params: URLSearchParams): Promise<void> | null {
  const text = params.get('x.model_type');
  if (text === null) return null;
  let modelType: unknown;
  try {
    modelType = JSON.parse(text);
  } catch {
    return null; // the link's decoder reports it
  }
  return familyReaderLoaded(modelType) ? null : settled();
}

/** The local devices, when the link names a device (g, cg, a pin's g:) not known yet. */
function devicesLoading(params: URLSearchParams): Promise<void> | null {
  const named = [
    params.get('g'),
    params.get('cg'),
    ...params.getAll('p').map((p) => /,g:([^,]*)/.exec(p)?.[1]),
  ];
  if (devicesTried || named.every((id) => id == null || DEVICE_IDS.includes(id))) return null;
  return loadLocalDevices()
    .catch(() => undefined)
    .then(() => void (devicesTried = true));
}

/**
 * Resolves when a link's model can be read and its devices are known: null when they are at
 * once (a preset or a preset family, a data-centre device); else a promise that never rejects.
 *
 * @example linkReadersLoading('m=qwen3-30b-a3b&x.model_type=%22glm4_moe%22') // Promise (GLM-4.5)
 * @example linkReadersLoading('m=gpt-oss-120b&g=rtx-4090') // Promise (the local devices)
 */
export function linkReadersLoading(query: string): Promise<void> | null {
  const params = new URLSearchParams(query);
  const readers = readersLoading(params);
  const devices = devicesLoading(params);
  return readers && devices ? Promise.all([readers, devices]).then(() => {}) : (readers ?? devices);
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
