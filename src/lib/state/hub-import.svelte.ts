/**
 * Opening a model by its Hugging Face id: config.json read from the Hub and imported as a pasted
 * one is (import-config.ts), then the checkpoint's tensor list read from its safetensors headers
 * and the count checked against it (core checkCheckpoint). One per explorer, shared by the Hub
 * field (HubImport.svelte) and a link that names a Hub model (url-sync.svelte.ts). Loaded on
 * demand with them, and the Hub client and the checkpoint check with it: the page's first
 * download does not carry them. A new request stops the one before; nothing here throws.
 */
import { checkCheckpoint, countParams, formatParams, type ExplorerConfig } from '../core/index.ts';
import { DEFAULT_HUB_URL, fetchConfig, fetchTensors, type HubOptions } from '../hub/client.ts';
import { readHubUrl } from '../hub/hub-url.ts';
import {
  formatModelId,
  ModelIdError,
  parseModelId,
  readModelId,
  type HubModel,
} from '../hub/model-id.ts';
import type { HubLink } from '../share/hub-link.ts';
import { shown } from '../share/link-format.ts';
import { describeError } from '../share/notices.ts';
import { describeCheck, notChecked, type CheckSummary } from './checkpoint-summary.ts';
import type { ExplorerState } from './explorer.svelte.ts';
import { whenAllReadersLoaded } from './family-readers.ts';
import { configFailure, importFailure } from './hub-messages.ts';
import { hubLinkOf, rememberHubLink } from './hub-source.ts';
import { importConfig } from './import-config.ts';

type Source = ExplorerConfig['source'];

/** How a request ended: the model shown, stopped (or no longer wanted), or why it failed. */
type Outcome = 'shown' | 'stopped' | { failure: string };

/** Shard headers read at once: what a browser opens to one host over HTTP/1.1. */
const SHARDS_AT_ONCE = 6;

/** A model read from the Hub: what the page says of it while it shows that model. */
export interface HubOpened {
  /** The model source it became (the page shows it while its source is this one). */
  source: Source;
  /** "Opened org/name: 46.70B parameters in total, 12.88B active per token." */
  summary: string;
  /** The checkpoint check, or why there is none; null while the tensor list is read. */
  check: CheckSummary | null;
}

export class HubImport {
  /** The Hub address setting: the public Hub, a mirror, or a link's `hub=`. */
  hubUrl = $state(DEFAULT_HUB_URL);
  /** What is being read, while it is ("Reading config.json of org/name…"); null when idle. */
  progress = $state<string | null>(null);
  /** Why the last request failed; the model shown stayed. */
  error = $state<string | null>(null);
  /** The last model read. */
  opened = $state.raw<HubOpened | null>(null);
  #run: AbortController | null = null;

  constructor(private readonly explorer: ExplorerState) {
    const link = hubLinkOf(explorer.config.source);
    if (link?.hubUrl) this.hubUrl = link.hubUrl;
  }

  /**
   * Opens the model a person typed (`org/name`, `org/name@revision`, its page URL) from the Hub
   * address setting; true once it is shown. On failure the model shown stays and `error` says
   * why and what to do.
   */
  async open(text: string): Promise<boolean> {
    const hubUrl = readHubUrl(this.hubUrl);
    if (hubUrl === null) {
      this.#stop();
      this.error = `Hub address: expected an http or https address such as ${DEFAULT_HUB_URL}, got ${shown(this.hubUrl)}`;
      return false;
    }
    let model: HubModel;
    try {
      model = parseModelId(text);
    } catch (error) {
      this.#stop();
      this.error = error instanceof ModelIdError ? error.message : describeError(error);
      return false;
    }
    return (await this.#read(model, hubUrl, null)) === 'shown';
  }

  /**
   * Reads a link's Hub model again (`hf=`, `hub=`, checked here), keeping the link's
   * architecture edits and deployment; null once shown (or when another model was chosen
   * meanwhile), else the line for the link's notice, saying why and what is shown instead.
   */
  async openLink(link: HubLink): Promise<string | null> {
    const source = this.explorer.config.source;
    const model = readModelId(link.model);
    const hubUrl = link.hubUrl === undefined ? DEFAULT_HUB_URL : readHubUrl(link.hubUrl);
    if (!model || hubUrl === null) {
      rememberHubLink(source, undefined); // links made from this page no longer name it
      return model
        ? `hub: expected an http or https address, got ${shown(link.hubUrl ?? '')}; hf and hub ignored`
        : `hf: expected org/name or org/name@revision, got ${shown(link.model)}; ignored`;
    }
    this.hubUrl = hubUrl;
    const outcome = await this.#read(model, hubUrl, source);
    if (typeof outcome === 'string') return null;
    const instead =
      source.kind === 'config'
        ? "the link's own copy of the model is shown"
        : `${this.explorer.result.base.name} is shown instead`;
    return `hf: ${outcome.failure.replace(/\.$/, '')}; ${instead}`;
  }

  /** Stops the request under way; a model already imported stays, unchecked. */
  cancel(): void {
    const opened = this.opened;
    if (this.#stop() && opened && opened.check === null)
      this.opened = { ...opened, check: notChecked('stopped before the tensor list was read') };
  }

  /** Aborts the request under way; whether there was one. */
  #stop(): boolean {
    const running = this.#run !== null;
    this.#run?.abort();
    this.#run = null;
    this.progress = null;
    return running;
  }

  /**
   * Reads config.json, imports it, then checks it against the checkpoint. For a link
   * (`linkSource`), only while the page still shows the link's model, and with its architecture
   * edits kept.
   */
  async #read(model: HubModel, hubUrl: string, linkSource: Source | null): Promise<Outcome> {
    this.#stop();
    const run = new AbortController();
    this.#run = run;
    const id = formatModelId(model);
    const options: HubOptions = { hubUrl, signal: run.signal };
    this.error = null;
    this.progress = `Reading config.json of ${id}${hubUrl === DEFAULT_HUB_URL ? '' : ` from ${hubUrl}`}…`;
    let json: unknown;
    try {
      json = await fetchConfig(model, options);
    } catch (error) {
      return run.signal.aborted ? 'stopped' : this.#fail(run, configFailure(error, id));
    }
    const outcome = await this.#show(run, json, model, linkSource);
    if (outcome === 'stopped' && this.#run === run) this.#stop(); // the link's model is gone
    if (typeof outcome === 'object') return this.#fail(run, outcome.failure);
    if (outcome === 'stopped') return outcome;
    const link = hubUrl === DEFAULT_HUB_URL ? { model: id } : { model: id, hubUrl };
    rememberHubLink(this.explorer.config.source, link);
    await this.#check(run, model, options);
    return 'shown';
  }

  /** Shows config.json as the explorer's model, once every family reader is loaded. */
  async #show(
    run: AbortController,
    json: unknown,
    model: HubModel,
    linkSource: Source | null,
  ): Promise<Outcome> {
    await new Promise<void>((resolve) => whenAllReadersLoaded(resolve));
    if (run.signal.aborted) return 'stopped';
    if (linkSource && this.explorer.config.source !== linkSource) return 'stopped';
    const arch = this.explorer.config.arch;
    // Named as transformers names a config read from the Hub: `_name_or_path` is the model id.
    const named = typeof json === 'object' && json && !Array.isArray(json);
    const text = JSON.stringify(named ? { ...json, _name_or_path: model.repo } : json);
    if (!importConfig(this.explorer, text)) {
      const reason = this.explorer.importError ?? 'config.json could not be read';
      this.explorer.importError = null; // said here, by the Hub field, not by the paste box
      return { failure: importFailure(reason, formatModelId(model)) };
    }
    // A link's architecture edits apply to its model read again, if they still fit it.
    if (linkSource && Object.keys(arch).length > 0)
      this.explorer.open({ ...this.explorer.config, arch });
    return 'shown';
  }

  /** Reads the tensor list and checks the count of the model shown (before edits) on it. */
  async #check(run: AbortController, model: HubModel, options: HubOptions): Promise<void> {
    const id = formatModelId(model);
    const source = this.explorer.config.source;
    const spec = this.explorer.result.base;
    const count = countParams(spec);
    const summary = `Opened ${id}: ${formatParams(count.total)} parameters in total, ${formatParams(count.active)} active per token.`;
    this.opened = { source, summary, check: null };
    this.progress = `Reading the tensor list of ${id}…`;
    const onProgress = (read: number, of: number) => {
      const headers = `${of.toLocaleString('en-US')} safetensors header${of === 1 ? '' : 's'}`;
      if (!run.signal.aborted)
        this.progress = `Reading ${headers}…${read > 0 ? ` ${read} of ${of} read.` : ''}`;
    };
    let check: CheckSummary;
    try {
      const tensors = await fetchTensors(model, { ...options, concurrency: SHARDS_AT_ONCE, onProgress });
      // DeepSeek-V4's FP4 experts pack two values in each I8 (classify.ts `storedParameters`).
      const packed = spec.checkpoint.expertFormat === 'mxfp4';
      check = describeCheck(checkCheckpoint(tensors, count, spec.layers, packed), count.total);
    } catch (error) {
      if (run.signal.aborted) return;
      check = notChecked(describeError(error));
    }
    if (run.signal.aborted) return;
    this.opened = { source, summary, check };
    this.#run = null;
    this.progress = null;
  } // prettier-ignore

  #fail(run: AbortController, failure: string): Outcome {
    if (this.#run === run) {
      this.#run = null;
      this.progress = null;
    }
    this.error = failure;
    return { failure };
  }
}

const states = new WeakMap<ExplorerState, HubImport>();

/**
 * Reads the Hub model of the link the explorer shows (share/hub-link.ts) again; `warn` gets the
 * line for the link's notice if it cannot be.
 */
export async function openHubLink(
  explorer: ExplorerState,
  warn: (line: string) => void,
): Promise<void> {
  const link = hubLinkOf(explorer.config.source);
  const failure = link ? await hubImportOf(explorer).openLink(link) : null;
  if (failure !== null) warn(failure);
}

/** The Hub import of an explorer: one, whoever asks (the field, a link). */
export function hubImportOf(explorer: ExplorerState): HubImport {
  let state = states.get(explorer);
  if (!state) states.set(explorer, (state = new HubImport(explorer)));
  return state;
}
