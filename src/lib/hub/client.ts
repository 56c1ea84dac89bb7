/**
 * Reads a model from the Hugging Face Hub (or a mirror) over HTTP: its config.json, and its
 * checkpoint's tensor list from the safetensors headers by Range requests, without the weights.
 * Files are at `<hub>/<org>/<name>/resolve/<revision>/<file>` (huggingface_hub `hf_hub_url`).
 * Every failure is a HubError saying what happened and what to do.
 */
import {
  headerLength,
  MAX_JSON_SIZE,
  parseHeader,
  parseJsonText,
  shardFiles,
  type TensorEntry,
} from '../core/index.ts';
import { DEFAULT_HUB_URL } from './hub-url.ts';
import type { HubModel } from './model-id.ts';

export { DEFAULT_HUB_URL };

export interface HubOptions {
  hubUrl?: string;
  /** `fetch` by default; a test or a caller with its own transport passes another. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Shard headers read at once (1 by default: one after the other). */
  concurrency?: number;
  /** Called once the shards are known (`read` 0), then after each shard's header. */
  onProgress?: (read: number, of: number) => void;
}

/** A failed Hub request: the HTTP status (null when the Hub could not be reached) and advice. */
export class HubError extends Error {
  override readonly name = 'HubError';
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** The address of a file of a model on the Hub. */
export function fileUrl(model: HubModel, file: string, hubUrl = DEFAULT_HUB_URL): string {
  const revision = model.revision.split('/').map(encodeURIComponent).join('%2F');
  return `${hubUrl.replace(/\/+$/, '')}/${model.repo}/resolve/${revision}/${file}`;
}

/** The words for a failed request of `file`, by status. */
function failure(model: HubModel, file: string, status: number | null, hubUrl: string): HubError {
  const where = `${model.repo}@${model.revision}`;
  const paste = 'paste its config.json instead';
  if (status === null)
    return new HubError(null, `could not reach ${hubUrl} for ${where}: check the connection or the Hub address, or ${paste}`);
  if (status === 401 || status === 403)
    return new HubError(status, `${where} is gated or private (HTTP ${status}): accept its terms on the Hub and sign in, or ${paste}`);
  if (status === 404)
    return new HubError(status, `${where} has no ${file} (HTTP 404): check the model id and revision`);
  if (status === 429)
    return new HubError(status, `the Hub is rate-limiting requests (HTTP 429): wait a minute and try again, or ${paste}`);
  return new HubError(status, `${where}: ${file} could not be read (HTTP ${status})`);
} // prettier-ignore

async function get(
  model: HubModel,
  file: string,
  options: HubOptions,
  range?: [number, number],
): Promise<Response> {
  const hubUrl = options.hubUrl ?? DEFAULT_HUB_URL;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(fileUrl(model, file, hubUrl), {
      headers: range ? { Range: `bytes=${range[0]}-${range[1]}` } : {},
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw failure(model, file, null, hubUrl);
  }
  if (!response.ok) throw failure(model, file, response.status, hubUrl);
  return response;
}

/**
 * At most `limit` bytes of a response's body: a server that ignores Range sends the whole file,
 * of which only the start is read.
 */
async function firstBytes(response: Response, limit: number): Promise<Uint8Array> {
  const out = new Uint8Array(limit);
  let length = 0;
  const reader = response.body?.getReader();
  if (!reader) return out.subarray(0, 0);
  while (length < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = Math.min(value.length, limit - length);
    out.set(value.subarray(0, take), length);
    length += take;
  }
  await reader.cancel().catch(() => undefined);
  return out.subarray(0, length);
}

/**
 * The largest model.safetensors.index.json read: one line per tensor, so a large checkpoint's
 * runs past a config's MAX_JSON_SIZE (DeepSeek-V4-Flash's is 5,371,381 bytes for 69,187 tensors,
 * DeepSeek-V4-Pro-0813's 11,651,606 for 149,782; docs/research/families/deepseek_v4.md).
 */
export const MAX_INDEX_SIZE = 64 * 2 ** 20;

/**
 * A JSON file of the model, at most `limit` bytes (a config's MAX_JSON_SIZE unless said). Past
 * MAX_JSON_SIZE (an index) it is read by JSON.parse alone: its integers are offsets no count
 * reads, and parseJsonText refuses such a length.
 */
async function getJson(
  model: HubModel,
  file: string,
  options: HubOptions,
  limit = MAX_JSON_SIZE,
): Promise<unknown> {
  const response = await get(model, file, options);
  const bytes = await firstBytes(response, limit + 1);
  if (bytes.length > limit)
    throw new HubError(response.status, `${model.repo}: ${file} is over ${limit} bytes`);
  const text = new TextDecoder().decode(bytes);
  if (bytes.length <= MAX_JSON_SIZE) return parseJsonText(text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HubError(response.status, `${model.repo}: ${file} is not valid JSON`);
  }
}

/** The model's config.json, parsed (not yet read as a model). */
export function fetchConfig(model: HubModel, options: HubOptions = {}): Promise<unknown> {
  return getJson(model, 'config.json', options);
}

/**
 * `length` bytes of a file from byte `from`, by a Range request; a server that ignores Range
 * answers 200 with the whole file, whose start is then skipped.
 */
async function rangeBytes(
  model: HubModel,
  file: string,
  options: HubOptions,
  from: number,
  length: number,
): Promise<Uint8Array> {
  const response = await get(model, file, options, [from, from + length - 1]);
  const skip = response.status === 206 ? 0 : from;
  const bytes = (await firstBytes(response, skip + length)).subarray(skip);
  if (bytes.length < length)
    throw new HubError(
      null,
      `${model.repo}: ${file} ended at byte ${skip + bytes.length}, before its header did`,
    );
  return bytes;
}

/** The tensors of one safetensors file, from its header: two Range requests. */
async function shardTensors(model: HubModel, file: string, options: HubOptions) {
  const n = headerLength(await rangeBytes(model, file, options, 0, 8), file);
  const header = await rangeBytes(model, file, options, 8, n);
  return parseHeader(new TextDecoder().decode(header), file);
} // prettier-ignore

/**
 * Every tensor of the model's checkpoint, in the order of its shards: the shards of
 * model.safetensors.index.json, or the single model.safetensors, `options.concurrency` headers
 * at a time. Throws HubError when the repo has neither.
 */
export async function fetchTensors(model: HubModel, options: HubOptions = {}): Promise<TensorEntry[]> {
  let files: string[];
  try {
    files = shardFiles(await getJson(model, 'model.safetensors.index.json', options, MAX_INDEX_SIZE));
  } catch (error) {
    if (!(error instanceof HubError) || error.status !== 404) throw error;
    files = ['model.safetensors'];
  }
  const workers = Math.max(1, Math.min(options.concurrency ?? 1, files.length));
  const shards = await inPool(files, workers, (file) => shardOf(model, file, options), options.onProgress);
  return shards.flat();
} // prettier-ignore

/**
 * `task` over every item, `workers` at a time, the answers in the items' order; `onProgress`
 * is called with 0 first, then after each answer. The first failure stops the workers starting
 * new items and is thrown. A checkpoint's shard headers and a split GGUF's parts read this way.
 */
export async function inPool<T, R>(
  items: readonly T[],
  workers: number,
  task: (item: T) => Promise<R>,
  onProgress?: (read: number, of: number) => void,
): Promise<R[]> {
  const answers = new Array<R>(items.length);
  let next = 0;
  let read = 0;
  onProgress?.(0, items.length);
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        answers[i] = await task(items[i]!);
      } catch (error) {
        next = items.length; // the other workers start no new item
        throw error;
      }
      onProgress?.(++read, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, worker));
  return answers;
}

/** One shard's tensors; a missing single model.safetensors means there is no checkpoint. */
async function shardOf(model: HubModel, file: string, options: HubOptions): Promise<TensorEntry[]> {
  try {
    return await shardTensors(model, file, options);
  } catch (error) {
    if (error instanceof HubError && error.status === 404 && file === 'model.safetensors')
      throw new HubError(404, `${model.repo}@${model.revision} has no safetensors checkpoint: the count cannot be checked against its tensors`);
    throw error;
  }
} // prettier-ignore

/** Bytes of a file read by a Range request, and the whole file's size when the server says. */
export interface FileRange {
  /** At most the bytes asked for: fewer only at the file's end. */
  bytes: Uint8Array;
  /** From Content-Range (or a whole answer's length); undefined when not said. */
  fileBytes?: number;
}

/**
 * Up to `length` bytes of a file from byte `from`, by a Range request, with the file's size
 * (Content-Range `bytes a-b/size`); a server that ignores Range answers 200 with the whole
 * file, whose start is skipped and whose length is then the size. For reading a GGUF header
 * (core parseGgufFrom) without the weights. HubError as for the other files.
 */
export async function fetchRange(
  model: HubModel,
  file: string,
  from: number,
  length: number,
  options: HubOptions = {},
): Promise<FileRange> {
  const response = await get(model, file, options, [from, from + length - 1]);
  const partial = response.status === 206;
  const skip = partial ? 0 : from;
  const bytes = (await firstBytes(response, skip + length)).subarray(skip);
  const total = partial
    ? /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '')?.[1]
    : response.headers.get('content-length');
  const size = total == null || total === '' ? Number.NaN : Number(total);
  if (Number.isSafeInteger(size)) return { bytes, fileBytes: size };
  // A whole answer read to its end is the whole file.
  return !partial && bytes.length < length ? { bytes, fileBytes: from + bytes.length } : { bytes };
}
