/**
 * GGUF files for the page's tests, built here (gguf-builder.ts), never downloaded: a
 * gpt-oss-20b-like file whole or split as llama.cpp's gguf-split writes the parts, and the Hub
 * paths that serve them (hub-server.ts, header bytes with the file's whole size).
 */
import { buildGguf, gptOss20bLike, meta, type BuiltGguf, type GgufSpec } from './gguf-builder.ts';
import type { HubFile } from './hub-server.ts';

/**
 * The parts of a model split in `n` as gguf-split writes them (tools/gguf-split/gguf-split.cpp
 * `split_start`): split.no, split.count and split.tensors.count in every part, the model's keys
 * in the first, the tensors in order.
 */
export function splitSpecs(whole: GgufSpec, n: number): GgufSpec[] {
  const tensors = whole.tensors ?? [];
  const per = Math.ceil(tensors.length / n);
  return Array.from({ length: n }, (_, i) => ({
    metadata: [
      ...(i === 0 ? (whole.metadata ?? []) : []),
      ['split.no', meta.u16(i)],
      ['split.count', meta.u16(n)],
      ['split.tensors.count', meta.i32(tensors.length)],
    ],
    tensors: tensors.slice(i * per, (i + 1) * per),
    data: false,
  }));
}

/** gpt-oss-20b-like (gguf-builder.ts), general.file_type MXFP4_MOE (38), its header alone. */
export function gptOss20bGguf(): BuiltGguf {
  const spec = gptOss20bLike();
  return buildGguf({ ...spec, metadata: [...spec.metadata!, ['general.file_type', meta.u32(38)]] });
}

/** Hub files for a built GGUF's header, each as large as its whole file. */
export function hubGguf(path: string, built: BuiltGguf): Record<string, HubFile> {
  return { [path]: { body: built.bytes, size: built.fileBytes } };
}

/** The parts of gpt-oss-20b-like split in `n`, at `<dir>/<prefix>-0000i-of-0000n.gguf`. */
export function splitHubGguf(dir: string, prefix: string, n: number): Record<string, HubFile> {
  const pad = (i: number) => String(i).padStart(5, '0');
  return Object.fromEntries(
    splitSpecs(gptOss20bLike(), n).map((spec, i) => {
      const built = buildGguf(spec);
      return [
        `${dir}/${prefix}-${pad(i + 1)}-of-${pad(n)}.gguf`,
        { body: built.bytes, size: built.fileBytes },
      ];
    }),
  );
}
