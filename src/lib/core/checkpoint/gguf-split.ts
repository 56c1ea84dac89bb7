/**
 * A model split over several GGUF files (llama.cpp's gguf-split tool): the parts are named
 * `<prefix>-00001-of-00003.gguf` (`llama_split_path`, llama.cpp src/llama.cpp: format
 * "%s-%05d-of-%05d.gguf" with the part numbered from 1), every part holds `split.no` (its index,
 * from 0, uint16), `split.count` (uint16) and `split.tensors.count` (all parts' tensors, int32)
 * (tools/gguf-split/gguf-split.cpp `split_start`), and the first part alone holds the model's
 * metadata. Merging checks what llama.cpp's loader checks (src/llama-model-loader.cpp): each
 * part's index, the part count, no tensor twice, and the tensor total.
 */
import { GgufError } from './gguf-errors.ts';
import type { GgufFile, GgufTensorInfo } from './gguf.ts';
import { ggufCount, type GgufMetadataSource } from './gguf-metadata.ts';

/** A split file's name, read: everything before the part number, the part (from 1), the count. */
export interface GgufSplitName {
  readonly prefix: string;
  readonly part: number;
  readonly count: number;
  /** A URL's query or fragment after ".gguf", kept as is (e.g. "?download=true"). */
  readonly suffix: string;
}

const SPLIT_NAME = /^(.*)-(\d{5})-of-(\d{5})\.gguf([?#].*)?$/;

/**
 * The split parts of a file name or URL, undefined when it is not named as a part.
 *
 * @example parseSplitName('Qwen3-235B-A22B-Q4_K_M-00002-of-00003.gguf')
 *   // { prefix: 'Qwen3-235B-A22B-Q4_K_M', part: 2, count: 3, suffix: '' }
 */
export function parseSplitName(name: string): GgufSplitName | undefined {
  const m = SPLIT_NAME.exec(name);
  if (!m) return undefined;
  const part = Number(m[2]);
  const count = Number(m[3]);
  if (part < 1 || part > count) return undefined;
  return { prefix: m[1]!, part, count, suffix: m[4] ?? '' };
}

/**
 * The names of every part of the model a file belongs to, in order, from any part's name (the
 * first's, usually); just the name itself when it is not a split part.
 *
 * @example splitPartNames('m-00001-of-00003.gguf')
 *   // ['m-00001-of-00003.gguf', 'm-00002-of-00003.gguf', 'm-00003-of-00003.gguf']
 */
export function splitPartNames(name: string): string[] {
  const split = parseSplitName(name);
  if (!split) return [name];
  const pad = (n: number) => String(n).padStart(5, '0');
  return Array.from(
    { length: split.count },
    (_, i) => `${split.prefix}-${pad(i + 1)}-of-${pad(split.count)}.gguf${split.suffix}`,
  );
}

/** A part's split keys; undefined when the file has no split.count (it is a whole model). */
export interface GgufSplitInfo {
  /** split.no: the part's index, from 0. */
  readonly no: number;
  readonly count: number;
  /** split.tensors.count: the tensors of all parts together. */
  readonly tensorsCount: number | undefined;
}

/** The split keys of a parsed file, undefined when it is not a part of a split model. */
export function ggufSplitInfo(file: GgufMetadataSource): GgufSplitInfo | undefined {
  const count = single(file, 'split.count');
  if (count === undefined) return undefined;
  const no = single(file, 'split.no');
  if (no === undefined) throw fail(file, 'key split.no', 'a split part must hold its index');
  return { no, count, tensorsCount: single(file, 'split.tensors.count') };
}

function single(file: GgufMetadataSource, key: string): number | undefined {
  const v = ggufCount(file, key);
  if (typeof v === 'object') throw fail(file, `key ${key}`, 'expected one integer, got an array');
  return v;
}

function fail(file: GgufMetadataSource, what: string, detail: string): GgufError {
  return new GgufError(file.file, undefined, what, detail);
}

/** A tensor of a model read from several files, with the index (from 0) of its part. */
export interface GgufPartTensor extends GgufTensorInfo {
  readonly part: number;
}

/** A model read from one GGUF file or all the parts of a split one. */
export interface GgufModel extends GgufMetadataSource {
  /** The parts, in split order (one for a whole file). */
  readonly parts: readonly GgufFile[];
  /** Every part's tensors, in part order. */
  readonly tensors: readonly GgufPartTensor[];
}

/**
 * One model from its parsed parts, given in any order: the metadata of the first part (split.no
 * 0), the union of the tensors. GgufError when a part is missing or repeated, the parts
 * disagree on the count, a tensor is in two parts, or split.tensors.count does not match.
 */
export function mergeGgufSplits(parts: readonly GgufFile[]): GgufModel {
  if (parts.length === 0) throw new GgufError('GGUF split', undefined, 'parts', 'none given');
  const infos = parts.map((p) => ({ file: p, split: ggufSplitInfo(p) }));
  if (parts.length === 1 && infos[0]!.split === undefined) return modelOf(parts);
  const ordered: GgufFile[] = [];
  for (const { file, split } of infos) {
    if (split === undefined) throw fail(file, 'key split.count', 'missing in a split part');
    if (split.count !== parts.length)
      throw fail(file, 'key split.count', `says ${split.count} parts, but ${parts.length} given`);
    if (split.no >= split.count || ordered[split.no] !== undefined)
      throw fail(file, 'key split.no', `part index ${split.no} is out of range or given twice`);
    ordered[split.no] = file;
  }
  const model = modelOf(ordered);
  const expected = ggufSplitInfo(ordered[0]!)!.tensorsCount;
  if (expected !== undefined && expected !== model.tensors.length)
    throw fail(
      ordered[0]!,
      'key split.tensors.count',
      `says ${expected} tensors, but the parts hold ${model.tensors.length}`,
    );
  return model;
}

function modelOf(ordered: readonly GgufFile[]): GgufModel {
  const seen = new Map<string, number>();
  const tensors: GgufPartTensor[] = [];
  ordered.forEach((file, part) => {
    for (const t of file.tensors) {
      const before = seen.get(t.name);
      if (before !== undefined)
        throw fail(
          file,
          `tensor ${t.name}`,
          `also in part ${before + 1} (${ordered[before]!.file})`,
        );
      seen.set(t.name, part);
      tensors.push({ ...t, part });
    }
  });
  const first = ordered[0]!;
  return { file: first.file, metadata: first.metadata, parts: ordered, tensors };
}
