/**
 * Writes GGUF files for tests, byte by byte as ggml docs/gguf.md lays them out (little-endian;
 * header, metadata, tensor infos, padding to the alignment, tensor data), so the reader is
 * tested on files nothing downloaded. A GgufWriter also writes the damaged ones: any field,
 * any count, any length.
 */
import { ggmlTypeByName, tensorBytes, type GgufValueType } from '../../../src/lib/core/index.ts';

/** A metadata value to write: its type and its value (for an array, its item type and items). */
export type MetaValue =
  | { type: Exclude<GgufValueType, 'array' | 'string' | 'bool'>; value: number | bigint }
  | { type: 'bool'; value: boolean | number }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: GgufValueType; items: readonly (MetaItem | MetaValue)[] };

type MetaItem = number | bigint | boolean | string;

/** Short makers: `meta.u32(32)`, `meta.str('llama')`, `meta.arr('string', ['a', 'b'])`. */
export const meta = {
  u8: (value: number): MetaValue => ({ type: 'uint8', value }),
  i8: (value: number): MetaValue => ({ type: 'int8', value }),
  u16: (value: number): MetaValue => ({ type: 'uint16', value }),
  i16: (value: number): MetaValue => ({ type: 'int16', value }),
  u32: (value: number): MetaValue => ({ type: 'uint32', value }),
  i32: (value: number): MetaValue => ({ type: 'int32', value }),
  f32: (value: number): MetaValue => ({ type: 'float32', value }),
  bool: (value: boolean): MetaValue => ({ type: 'bool', value }),
  str: (value: string): MetaValue => ({ type: 'string', value }),
  u64: (value: number | bigint): MetaValue => ({ type: 'uint64', value }),
  i64: (value: number | bigint): MetaValue => ({ type: 'int64', value }),
  f64: (value: number): MetaValue => ({ type: 'float64', value }),
  arr: (itemType: GgufValueType, items: readonly (MetaItem | MetaValue)[]): MetaValue => ({
    type: 'array',
    itemType,
    items,
  }),
};

const TYPE_IDS: Record<GgufValueType, number> = {
  uint8: 0, int8: 1, uint16: 2, int16: 3, uint32: 4, int32: 5, float32: 6, bool: 7, string: 8,
  array: 9, uint64: 10, int64: 11, float64: 12,
}; // prettier-ignore

/** Appends little-endian fields to a growing buffer. */
export class GgufWriter {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private room(n: number): number {
    if (this.length + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    const at = this.length;
    this.length += n;
    return at;
  }

  raw(bytes: ArrayLike<number>): this {
    const at = this.room(bytes.length); // may grow the buffer
    this.buf.set(bytes, at);
    return this;
  }
  u8(v: number): this {
    const at = this.room(1);
    this.view.setUint8(at, v);
    return this;
  }
  u32(v: number): this {
    const at = this.room(4);
    this.view.setUint32(at, v, true);
    return this;
  }
  u64(v: number | bigint): this {
    const at = this.room(8);
    this.view.setBigUint64(at, BigInt(v), true);
    return this;
  }
  /** A GGUF string; `length` overrides the written length (for damaged files). */
  string(s: string, length?: number): this {
    const bytes = new TextEncoder().encode(s);
    return this.u64(length ?? bytes.length).raw(bytes);
  }
  /** Zero bytes up to the next multiple of `alignment`. */
  pad(alignment: number): this {
    this.room((alignment - (this.length % alignment)) % alignment);
    return this;
  }

  /** Reserves `n` bytes, then writes them through the (possibly new) view. */
  private put(n: number, write: (view: DataView, at: number) => void): this {
    const at = this.room(n);
    write(this.view, at);
    return this;
  }

  /** A value of `type` without its type id (an array writes its item type and length). */
  value(v: MetaValue | MetaItem, type: GgufValueType): this {
    const x = typeof v === 'object' ? (v as { value?: unknown }).value : v;
    const n = Number(x);
    switch (type) {
      case 'uint8': case 'bool': return this.put(1, (d, at) => d.setUint8(at, n));
      case 'int8': return this.put(1, (d, at) => d.setInt8(at, n));
      case 'uint16': return this.put(2, (d, at) => d.setUint16(at, n, true));
      case 'int16': return this.put(2, (d, at) => d.setInt16(at, n, true));
      case 'uint32': return this.put(4, (d, at) => d.setUint32(at, n, true));
      case 'int32': return this.put(4, (d, at) => d.setInt32(at, n, true));
      case 'float32': return this.put(4, (d, at) => d.setFloat32(at, n, true));
      case 'float64': return this.put(8, (d, at) => d.setFloat64(at, n, true));
      case 'uint64': return this.u64(x as number | bigint);
      case 'int64': return this.put(8, (d, at) => d.setBigInt64(at, BigInt(x as number), true));
      case 'string': return this.string(String(x));
      case 'array': {
        const a = v as Extract<MetaValue, { type: 'array' }>;
        this.u32(TYPE_IDS[a.itemType]).u64(a.items.length);
        for (const item of a.items) this.value(item, a.itemType);
        return this;
      }
    }
  } // prettier-ignore

  /** A metadata entry: key, type id, value. */
  kv(key: string, v: MetaValue): this {
    return this.string(key).u32(TYPE_IDS[v.type]).value(v, v.type);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** A tensor to write: name, dims (ggml order, row length first) and type name ("Q4_K"). */
export interface TensorSpec {
  name: string;
  dims: readonly number[];
  type: string;
}

export interface GgufSpec {
  version?: number;
  metadata?: readonly (readonly [string, MetaValue])[];
  tensors?: readonly TensorSpec[];
  /** Written as general.alignment (uint32) when given; the layout uses it, else 32. */
  alignment?: number;
  /** Write the tensor data (zeros) after the header; default true. */
  data?: boolean;
}

export interface BuiltGguf {
  /** The file, or its header and padding alone when `data` is false. */
  bytes: Uint8Array;
  /** The whole file's size, data included. */
  fileBytes: number;
  dataOffset: number;
  /** Each tensor's offset in the data section, as written. */
  offsets: number[];
}

/**
 * A valid GGUF file: each tensor's data at the next multiple of the alignment after the one
 * before, as llama.cpp's gguf-py writer lays them out (gguf_writer.py pads after each tensor).
 */
export function buildGguf(spec: GgufSpec): BuiltGguf {
  const alignment = spec.alignment ?? 32;
  const entries = [...(spec.metadata ?? [])];
  if (spec.alignment !== undefined) entries.push(['general.alignment', meta.u32(alignment)]);
  const tensors = spec.tensors ?? [];
  const w = new GgufWriter().raw([0x47, 0x47, 0x55, 0x46]).u32(spec.version ?? 3);
  w.u64(tensors.length).u64(entries.length);
  for (const [key, value] of entries) w.kv(key, value);
  const offsets: number[] = [];
  let next = 0;
  for (const t of tensors) {
    const type = ggmlTypeByName(t.type);
    if (!type) throw new Error(`no ggml type ${t.type}`);
    w.string(t.name).u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(type.id).u64(next);
    offsets.push(next);
    next += Math.ceil(tensorBytes(type, t.dims) / alignment) * alignment;
  }
  w.pad(alignment);
  const dataOffset = w.length;
  const fileBytes = dataOffset + next;
  if (spec.data === false) return { bytes: w.bytes(), fileBytes, dataOffset, offsets };
  const bytes = new Uint8Array(fileBytes);
  bytes.set(w.bytes());
  return { bytes, fileBytes, dataOffset, offsets };
}

/** A copy of `bytes` with a uint32 (or uint64 when `size` is 8) written at `at`. */
export function patched(bytes: Uint8Array, at: number, v: number | bigint, size = 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (size === 8) view.setBigUint64(at, BigInt(v), true);
  else view.setUint32(at, Number(v), true);
  return copy;
}

/**
 * A gpt-oss-20b-like GGUF header: the config of openai/gpt-oss-20b (hidden 2880, 24 layers,
 * 32 experts of width 2880, top 4, 64 query and 8 KV heads of 64, vocab 201,088, context
 * 131,072) under llama.cpp's gpt-oss tensor names (gguf-py constants.py MODEL_ARCH.GPT_OSS),
 * dims in ggml order. Types as chosen here: MXFP4 experts (as OpenAI ships them), BF16
 * embeddings, output and attention, F32 norms, biases, sinks and router.
 */
export function gptOss20bLike(layers = 24): GgufSpec {
  const d = 2880;
  const tensors: TensorSpec[] = [{ name: 'token_embd.weight', dims: [d, 201_088], type: 'BF16' }];
  for (let i = 0; i < layers; i++) {
    const t = (name: string, dims: number[], type: string) =>
      tensors.push({ name: `blk.${i}.${name}`, dims, type });
    t('attn_norm.weight', [d], 'F32');
    for (const [name, out] of [
      ['attn_q', 4096],
      ['attn_k', 512],
      ['attn_v', 512],
    ] as const) {
      t(`${name}.weight`, [d, out], 'BF16');
      t(`${name}.bias`, [out], 'F32');
    }
    t('attn_output.weight', [4096, d], 'BF16');
    t('attn_output.bias', [d], 'F32');
    t('attn_sinks.weight', [64], 'F32');
    t('post_attention_norm.weight', [d], 'F32');
    t('ffn_gate_inp.weight', [d, 32], 'F32');
    t('ffn_gate_inp.bias', [32], 'F32');
    for (const name of ['ffn_gate_exps', 'ffn_up_exps', 'ffn_down_exps']) {
      t(`${name}.weight`, [d, d, 32], 'MXFP4');
      t(`${name}.bias`, [d, 32], 'F32');
    }
  }
  tensors.push({ name: 'output_norm.weight', dims: [d], type: 'F32' });
  tensors.push({ name: 'output.weight', dims: [d, 201_088], type: 'BF16' });
  const arch = (key: string, v: MetaValue) => [`gpt-oss.${key}`, v] as const;
  return {
    metadata: [
      ['general.architecture', meta.str('gpt-oss')],
      ['general.name', meta.str('Gpt Oss 20b')],
      arch('block_count', meta.u32(layers)),
      arch('context_length', meta.u32(131_072)),
      arch('embedding_length', meta.u32(d)),
      arch('feed_forward_length', meta.u32(d)),
      arch('expert_feed_forward_length', meta.u32(d)),
      arch('expert_count', meta.u32(32)),
      arch('expert_used_count', meta.u32(4)),
      arch('attention.head_count', meta.u32(64)),
      arch('attention.head_count_kv', meta.u32(8)),
      ['tokenizer.ggml.tokens', meta.arr('string', ['<|endoftext|>', 'a', 'é'])],
    ],
    tensors,
    data: false,
  };
}
