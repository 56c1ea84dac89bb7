/**
 * Reading a GGUF model's header in the page, never its weights, from files a person drops or
 * chooses (slices of the File: a multi-gigabyte file is not read whole); from the Hub, the CLI's
 * and the page's reader is hub/gguf-read.ts. A split model (`-00001-of-00003.gguf`) is read from
 * all its parts and merged as llama.cpp loads it (core mergeGgufSplits). Loaded with the GGUF
 * control (GgufImport.svelte), on demand.
 */
import {
  mergeGgufSplits,
  parseGgufFrom,
  parseSplitName,
  splitPartNames,
  type GgufFile,
  type GgufModel,
} from '../core/index.ts';
import { escapeHidden } from '../share/model-name.ts';
import { describeError } from '../share/notices.ts';

/** Files that do not make one model (a part missing, two models), said in a sentence. */
export class GgufChoiceError extends Error {
  override readonly name = 'GgufChoiceError';
}

/** `length` bytes of a Blob from `from` (FileReader where a Blob has no arrayBuffer: jsdom). */
async function sliceBytes(blob: Blob, from: number, length: number): Promise<Uint8Array> {
  const slice = blob.slice(from, from + length);
  if (typeof slice.arrayBuffer === 'function') return new Uint8Array(await slice.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the browser could not read it'));
    reader.readAsArrayBuffer(slice);
  });
}

/**
 * The files of one model, in part order: one file, or every part of a split one. Throws
 * GgufChoiceError naming what is missing or extra.
 */
export function modelFiles<T extends { name: string }>(files: readonly T[]): T[] {
  if (files.length === 0) throw new GgufChoiceError('no file was given');
  const shown = (name: string) => escapeHidden(name);
  const split = files.map((f) => parseSplitName(f.name)).find((s) => s !== undefined);
  if (!split) {
    if (files.length === 1) return [...files];
    throw new GgufChoiceError(
      `${files.length} files were given: choose one .gguf file, or every part of one split model`,
    );
  }
  const names = splitPartNames(files.find((f) => parseSplitName(f.name))!.name);
  const byName = new Map(files.map((f) => [f.name, f]));
  const extra = files.find((f) => !names.includes(f.name));
  if (extra)
    throw new GgufChoiceError(
      `${shown(extra.name)} is not a part of ${shown(split.prefix)} (${split.count} parts): choose the parts of one model`,
    );
  const missing = names.filter((name) => !byName.has(name));
  if (missing.length > 0)
    throw new GgufChoiceError(
      `${shown(missing[0]!)}${missing.length > 1 ? ` and ${missing.length - 1} more` : ''} missing: a split model is read from all its ${names.length} parts; choose or drop them together`,
    );
  return names.map((name) => byName.get(name)!);
}

/**
 * The model of dropped or chosen files: only each file's header is read. GgufChoiceError when
 * the files are not one model's, GgufError when one is not GGUF, is damaged or truncated.
 */
export async function readDroppedGguf(files: readonly File[]): Promise<GgufModel> {
  const parts: GgufFile[] = [];
  for (const file of modelFiles(files)) {
    // Named in messages and on the page with its hidden characters spelled out.
    const name = escapeHidden(file.name);
    const read = async (from: number, n: number) => {
      try {
        return { bytes: await sliceBytes(file, from, n) };
      } catch (error) {
        // Moved, deleted or locked since it was chosen.
        throw new GgufChoiceError(`${name} could not be read (${describeError(error)})`);
      }
    };
    parts.push(await parseGgufFrom(read, { file: name, fileBytes: file.size }));
  }
  return mergeGgufSplits(parts);
}
