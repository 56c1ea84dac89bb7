/**
 * The readers of families without a preset, the local devices (consumer GPUs, Apple silicon)
 * and the local model (system RAM) load on demand (core `loadFamilyReaders`, `loadLocalDevices`,
 * local-model.ts): the page and the element download them only for a model, a device or
 * a host that needs them. Whatever opens a link (the page,
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
import { hasHost } from '../share/host-keys.ts';

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

// The local model (local-model.ts) loading; null once it loaded or failed to: the decoder then
// reads the host, or says that it could not.
let localModel: Promise<void> | null | undefined;

/**
 * The local model, when the link has a host (host-keys.ts), not tried yet. A pin's host alone
 * is not waited for (pins with system RAM are rare): without the page's, it is not read, and
 * the notice says so.
 */
function localLoading(params: URLSearchParams): Promise<void> | null {
  if (localModel === null || !hasHost(params)) return null;
  return (localModel ??= import('./local-model.ts')
    .then((module) => module.install())
    .catch(() => undefined)
    .then(() => void (localModel = null)));
}

/**
 * Resolves when a link's model can be read, its devices are known and, for system RAM, the
 * local model is at hand: null when they are at once (a preset or a preset family, a
 * data-centre device, no host); else a promise that never rejects.
 *
 * @example linkReadersLoading('m=qwen3-30b-a3b&x.model_type=%22glm4_moe%22') // Promise (GLM-4.5)
 * @example linkReadersLoading('m=gpt-oss-120b&g=rtx-4090') // Promise (the local devices)
 * @example linkReadersLoading('m=gpt-oss-120b&n=1&ram=64') // Promise (the local model)
 */
export function linkReadersLoading(query: string): Promise<void> | null {
  const params = new URLSearchParams(query);
  const loads = [readersLoading(params), devicesLoading(params), localLoading(params)];
  return loads.some(Boolean) ? Promise.all(loads).then(() => {}) : null;
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
