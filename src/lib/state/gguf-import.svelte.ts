/**
 * Using a GGUF file for the weights of a deployment on one machine: read from dropped or chosen
 * files, from the Hub (the Hub address setting applies), or from a share link's `gguf=`; its
 * header summarized (core summarizeGguf) into the deployment (DeploymentSettings.gguf), whose
 * local estimate then takes each tensor's exact bytes (core ggufDeploymentParts), as
 * `serve --gguf` does. One per explorer, shared by the control (GgufImport.svelte) and the link
 * (url-sync.svelte.ts). Loaded on demand with them. A file that cannot be read, or is another
 * model's, is refused with a message, and nothing else changes; nothing here throws.
 */
import {
  ggufMismatch,
  splitPartNames,
  summarizeGguf,
  type DeploymentGguf,
  type GgufModel,
} from '../core/index.ts';
import { DEFAULT_HUB_URL, HubError, type HubOptions } from '../hub/client.ts';
import {
  GgufFileIdError,
  ggufFileName,
  parseGgufFile,
  type HubGgufFile,
} from '../hub/gguf-file.ts';
import { readHubUrl } from '../hub/hub-url.ts';
import { ggufLinkParam, ggufLinkValue, readGgufLink } from '../share/gguf-link.ts';
import { shown } from '../share/link-format.ts';
import { escapeHidden } from '../share/model-name.ts';
import type { ExplorerState } from './explorer.svelte.ts';
import { readHubGguf } from '../hub/gguf-read.ts';
import { readDroppedGguf } from './gguf-read.ts';
import { fileFailure, hubFailure } from './gguf-summary.ts';
import { hubImportOf } from './hub-import.svelte.ts';

/** How a read of a Hub file ended (see GgufImport #readHub). */
type Outcome =
  | { kind: 'used' }
  | { kind: 'stopped' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'refused'; message: string };

export class GgufImport {
  /** What is being read, while it is; null when idle. */
  progress = $state<string | null>(null);
  /** Why the last file could not be used; the deployment stayed as it was. */
  error = $state<string | null>(null);
  #run: AbortController | null = null;

  constructor(private readonly explorer: ExplorerState) {}

  /** The file the deployment uses; null for none. */
  get gguf(): DeploymentGguf | null {
    return this.explorer.config.deployment.gguf ?? null;
  }

  /** The Hub address setting, shared with the model id field (hub-import.svelte.ts). */
  get hubUrl(): string {
    return hubImportOf(this.explorer).hubUrl;
  }

  /** Why the file in use is not the model's (after the model changed); null when it is. */
  readonly mismatch = $derived.by(() => {
    const gguf = this.gguf;
    return gguf ? ggufMismatch(gguf, this.explorer.result.spec) : null;
  });

  /** Uses dropped or chosen files: one .gguf file, or every part of a split model. */
  async openFiles(files: readonly File[]): Promise<boolean> {
    const run = this.#start();
    const first = escapeHidden(files[0]?.name ?? '');
    const split = files.length > 1 ? ` (${files.length} files)` : '';
    this.progress = `Reading the header of ${first}${split}…`;
    let model: GgufModel;
    try {
      model = await readDroppedGguf(files);
    } catch (error) {
      return run.signal.aborted ? false : this.#fail(run, fileFailure(error));
    }
    if (run.signal.aborted) return false;
    return this.#use(run, model, { name: model.parts[0]!.file });
  }

  /** Reads a file from the Hub: `org/name/<path>.gguf`, with `@revision`, or its address. */
  async openHub(text: string): Promise<boolean> {
    const hubUrl = readHubUrl(this.hubUrl);
    if (hubUrl === null) {
      this.#stop();
      this.error = `Hub address: expected an http or https address such as ${DEFAULT_HUB_URL}, got ${shown(this.hubUrl)}`;
      return false;
    }
    let file: HubGgufFile;
    try {
      file = parseGgufFile(text, hubUrl);
    } catch (error) {
      this.#stop();
      this.error = error instanceof GgufFileIdError ? error.message : String(error);
      return false;
    }
    return (await this.#readHub(file)).kind === 'used';
  }

  /**
   * Reads the file of a link's `gguf=` from the Hub, once the deployment has system RAM; null
   * once used, else the line for the link's notice. Meanwhile, and while the Hub cannot be
   * reached, the deployment names the file without using it, so that links made from the page
   * keep it; a file that is not there, not GGUF or another model's is dropped.
   */
  async openLink(value: string): Promise<string | null> {
    const read = readGgufLink(value);
    if ('warning' in read) return read.warning;
    if (this.explorer.config.deployment.host === null)
      return 'gguf: read only with system RAM (ram=); ignored';
    const pending: DeploymentGguf = {
      name: ggufFileName(read.file),
      hub: ggufLinkValue(read.file),
      header: null,
    };
    this.explorer.updateDeployment({ gguf: pending }, 'gguf');
    const outcome = await this.#readHub(read.file);
    if (outcome.kind === 'used' || outcome.kind === 'stopped') return null;
    if (outcome.kind === 'refused' && this.gguf === pending)
      this.explorer.updateDeployment({ gguf: null }, 'gguf');
    const instead =
      this.gguf === pending ? 'the weight precision settings are used until it is read' : 'ignored';
    return `gguf: ${outcome.message.replace(/\.$/, '')}; ${instead}`;
  }

  /** Reads a link's file again, after the Hub could not be reached. */
  retry(): void {
    const hub = this.gguf?.hub;
    if (hub !== undefined && this.gguf?.header === null) void this.openLink(hub);
  }

  /** Stops using the file: the weight formats size the model again. */
  remove(): void {
    this.#stop();
    this.error = null;
    this.explorer.updateDeployment({ gguf: null }, 'gguf');
  }

  /** Stops the read under way; the deployment stays as it was. */
  cancel(): void {
    this.#stop();
  }

  /**
   * Reads a Hub file and uses it. `unreachable`: the Hub could not answer now (no network, busy,
   * a server error), worth another try; `refused`: anything else (no such file, gated, not
   * GGUF, another model's).
   */
  async #readHub(file: HubGgufFile): Promise<Outcome> {
    const run = this.#start();
    const name = `${file.model.repo}/${file.path}`;
    const from = file.hubUrl === DEFAULT_HUB_URL ? '' : ` from ${file.hubUrl}`;
    const of = splitPartNames(file.path).length;
    const options: HubOptions = {
      hubUrl: file.hubUrl,
      signal: run.signal,
      onProgress: (read) => {
        if (!run.signal.aborted && of > 1)
          this.progress = `Reading the headers of ${of} parts of ${name}${from}… ${read} of ${of} read.`;
      },
    };
    this.progress = `Reading the GGUF header of ${name}${from}…`;
    let model: GgufModel;
    try {
      model = await readHubGguf(file, options);
    } catch (error) {
      if (run.signal.aborted) return { kind: 'stopped' };
      const message = hubFailure(error, file);
      this.#fail(run, message);
      const status = error instanceof HubError ? error.status : undefined;
      const again = status === null || status === 429 || (status !== undefined && status >= 500);
      return { kind: again ? 'unreachable' : 'refused', message };
    }
    if (run.signal.aborted) return { kind: 'stopped' };
    if (this.#use(run, model, { name: ggufFileName(file), hub: ggufLinkValue(file) }))
      return { kind: 'used' };
    return { kind: 'refused', message: this.error ?? 'not used' };
  }

  /** Puts the model's summary into the deployment, if it is the model's file. */
  #use(run: AbortController, model: GgufModel, from: { name: string; hub?: string }): boolean {
    this.#stop(run);
    const gguf: DeploymentGguf = { ...from, header: summarizeGguf(model) };
    const mismatch = ggufMismatch(gguf, this.explorer.result.spec);
    if (mismatch !== null) {
      this.error = `${mismatch}. The file was not used: choose the model it holds first.`;
      return false;
    }
    if (!this.explorer.updateDeployment({ gguf }, 'gguf')) {
      this.error = `${from.name}: ${this.explorer.errors.gguf ?? 'not used'}. The file was not used.`;
      return false;
    }
    this.error = null;
    return true;
  }

  /** Starts a request, stopping the one before. */
  #start(): AbortController {
    this.#stop();
    const run = new AbortController();
    this.#run = run;
    this.error = null;
    return run;
  }

  #fail(run: AbortController, failure: string): false {
    if (this.#run === run) this.#stop();
    this.error = failure;
    return false;
  }

  /** Aborts the request under way (or clears `run`'s, which has ended). */
  #stop(run?: AbortController): void {
    if (run && this.#run !== run) return;
    this.#run?.abort();
    this.#run = null;
    this.progress = null;
  }
}

const states = new WeakMap<ExplorerState, GgufImport>();

/** The GGUF import of an explorer: one, whoever asks (the control, a link). */
export function ggufImportOf(explorer: ExplorerState): GgufImport {
  let state = states.get(explorer);
  if (!state) states.set(explorer, (state = new GgufImport(explorer)));
  return state;
}

/**
 * Reads the GGUF file of the link the page opened (its query's `gguf=`, share/gguf-link.ts);
 * `warn` gets the line for the link's notice if it cannot be used.
 */
export async function openGgufLink(
  explorer: ExplorerState,
  query: string,
  warn: (line: string) => void,
): Promise<void> {
  const value = ggufLinkParam(query);
  const failure = value === null ? null : await ggufImportOf(explorer).openLink(value);
  if (failure !== null) warn(failure);
}
