/**
 * The presets other than the default (their config.json and family reader), the readers of
 * other families, the local devices (consumer GPUs, Apple silicon) and the local model (system
 * RAM) load on demand (core `loadPreset`, `loadFamilyReader`, `loadLocalDevices`,
 * local-model.ts): the page and the element download them only for a model, a device or a host
 * that needs them. Whatever opens a link (the page, back and forward, an element's state, a
 * guided question, the preset picker) waits for them here first. A failed load is not thrown:
 * opening the link then says that its preset or family could not be loaded or its device is
 * unknown, and the rest keeps working.
 */
import {
  DEVICE_IDS,
  familyReaderLoaded,
  findPreset,
  loadFamilyReader,
  loadFamilyReaders,
  loadLocalDevices,
  loadPreset,
  presetLoaded,
  presets,
  SUPPORTED_MODEL_TYPES,
} from '../core/index.ts';
import { hasHost } from '../share/host-keys.ts';

/** A load that never rejects: whoever waits reads what is at hand and says what is not. */
const settle = (load: Promise<void>) => load.catch(() => undefined);

// Presets whose load failed: not tried again on their own (a panel that waits for them would
// ask again at once), only when a person asks for one again (`retry`).
const presetsFailed = new Set<string>();

/**
 * The presets of these ids, or null when all are at hand (unknown ids are left to the link's
 * decoder; one that failed to load is not waited for again unless `retry`: whoever reads it
 * then says that it could not be loaded).
 *
 * @example presetsLoading(['llama4-scout']) // null: the default preset is always at hand
 * @example presetsLoading(['deepseek-v3']) // Promise, until DeepSeek-V3 has loaded
 */
export function presetsLoading(
  ids: readonly (string | null | undefined)[],
  { retry = false } = {},
): Promise<void> | null {
  const waiting = ids
    .map((id) => (id == null ? undefined : findPreset(id)))
    .filter((preset) => preset !== undefined && !presetLoaded(preset))
    .filter((preset) => retry || !presetsFailed.has(preset!.id));
  if (waiting.length === 0) return null;
  return Promise.all(
    waiting.map((preset) =>
      loadPreset(preset!).then(
        () => void presetsFailed.delete(preset!.id),
        () => void presetsFailed.add(preset!.id),
      ),
    ),
  ).then(() => {});
}

/** The presets a link names: its model (m) and its pins' (p=<preset id>,...). */
function linkPresetsLoading(params: URLSearchParams): Promise<void> | null {
  return presetsLoading([params.get('m'), ...params.getAll('p').map((p) => p.split(',')[0])]);
}

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
  return familyReaderLoaded(modelType) ? null : settle(loadFamilyReader(modelType));
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
 * Resolves when a link's presets have loaded, its model can be read, its devices are known and,
 * for system RAM, the local model is at hand: null when they are at once (the default preset,
 * a data-centre device, no host); else a promise that never rejects.
 *
 * @example linkReadersLoading('m=deepseek-v3') // Promise (DeepSeek-V3's config and reader)
 * @example linkReadersLoading('m=qwen3-30b-a3b&x.model_type=%22glm4_moe%22') // Promise (GLM-4.5)
 * @example linkReadersLoading('m=gpt-oss-120b&g=rtx-4090') // Promise (the local devices)
 * @example linkReadersLoading('m=gpt-oss-120b&n=1&ram=64') // Promise (the local model)
 */
export function linkReadersLoading(query: string): Promise<void> | null {
  const params = new URLSearchParams(query);
  const loads = [
    linkPresetsLoading(params),
    readersLoading(params),
    devicesLoading(params),
    localLoading(params),
  ];
  return loads.some(Boolean) ? Promise.all(loads).then(() => {}) : null;
}

/**
 * Runs `then` once every family can be read and every preset's config is at hand (at once when
 * they all are, as after a first import); for an import, whose model_type may be any and whose
 * link is written as the nearest preset's config with edits (config-diff.ts). Runs it even if a
 * load fails: the import then reports that the family could not be read, and its link is
 * written from the presets at hand.
 */
export function whenAllReadersLoaded(then: () => void): void {
  const presetsWaiting = presetsLoading(presets.map((preset) => preset.id));
  if (presetsWaiting === null && Object.keys(SUPPORTED_MODEL_TYPES).every(familyReaderLoaded))
    then();
  else void Promise.all([presetsWaiting, settle(loadFamilyReaders())]).then(then);
}
