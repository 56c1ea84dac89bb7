/**
 * A GGUF model's header read from the Hugging Face Hub (or a mirror) by HTTP Range requests
 * (client.ts fetchRange), never its weights: the file, or every part of a split model
 * (`-00001-of-00003.gguf`, named as llama.cpp's gguf-split names them), merged as llama.cpp
 * loads it (core mergeGgufSplits). The page's GGUF control and the CLI's `serve --gguf` use it.
 */
import { mergeGgufSplits, parseGgufFrom, splitPartNames, type GgufModel } from '../core/index.ts';
import { fetchRange, inPool, type HubOptions } from './client.ts';
import { ggufFileName, type HubGgufFile } from './gguf-file.ts';

/** Parts of a split model read at once: what a browser opens to one host. */
const PARTS_AT_ONCE = 4;

/**
 * The model of a Hub file: its header, or, for a part of a split model, every part's (named as
 * llama.cpp's gguf-split names them), a few at once. HubError for a failed request, GgufError
 * for a file that is not GGUF or is damaged.
 */
export async function readHubGguf(file: HubGgufFile, options: HubOptions = {}): Promise<GgufModel> {
  const paths = splitPartNames(file.path);
  const read = (path: string) =>
    parseGgufFrom((from, n) => fetchRange(file.model, path, from, n, options), {
      file: ggufFileName({ ...file, path }),
    });
  const parts = await inPool(paths, PARTS_AT_ONCE, read, options.onProgress);
  return mergeGgufSplits(parts);
}
