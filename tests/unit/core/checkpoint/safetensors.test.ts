import { describe, expect, it } from 'vitest';
import {
  elements,
  headerLength,
  MAX_HEADER_BYTES,
  parseHeader,
  shardFiles,
} from '../../../../src/lib/core/checkpoint/safetensors.ts';
import { ConfigError } from '../../../../src/lib/core/model/errors.ts';
import { MIXTRAL_8X7B, mixtralTensors, safetensorsHead } from '../../helpers/checkpoint-tensors.ts';

describe('safetensors headers', () => {
  const head = safetensorsHead(mixtralTensors(MIXTRAL_8X7B), { format: 'pt' });

  it('reads the 8-byte little-endian header length, then the tensors of the JSON header', () => {
    const n = headerLength(head.subarray(0, 8));
    expect(n).toBe(head.length - 8);
    const tensors = parseHeader(new TextDecoder().decode(head.subarray(8, 8 + n)));
    // Mixtral: embedding, head, final norm, and per layer 4 attention, router, 2 norms, 8 x 3 experts.
    expect(tensors).toHaveLength(3 + 32 * (4 + 1 + 2 + 24));
    expect(tensors[0]).toEqual({
      name: 'model.embed_tokens.weight',
      dtype: 'BF16',
      shape: [32000, 4096],
    });
  });

  it('refuses what is not a safetensors header, naming the file and the tensor', () => {
    expect(() => headerLength(Uint8Array.of(1, 2, 3))).toThrow(ConfigError);
    const huge = new Uint8Array(8).fill(0xff);
    expect(() => headerLength(huge, 'a.safetensors')).toThrow(/a.safetensors header length/);
    expect(MAX_HEADER_BYTES).toBe(100_000_000);
    expect(() => parseHeader('{"w": {"dtype": "Q9", "shape": [2]}}', 'a.safetensors')).toThrow(
      /a.safetensors: w dtype: expected one of BOOL/,
    );
    expect(() => parseHeader('{"w": {"dtype": "F32", "shape": [-1]}}')).toThrow(/shape/);
    expect(() => parseHeader('not json')).toThrow(/header/);
  });

  it('counts elements exactly, a scalar as 1, and refuses more than 2^53', () => {
    expect(elements({ name: 's', dtype: 'F32', shape: [] })).toBe(1);
    expect(elements({ name: 'w', dtype: 'BF16', shape: [32000, 4096] })).toBe(131_072_000);
    expect(() => elements({ name: 'w', dtype: 'F32', shape: [2 ** 30, 2 ** 30] })).toThrow(
      ConfigError,
    );
  });

  it('lists the shard files of an index once each, and refuses a path in a shard name', () => {
    const index = {
      metadata: { total_size: 1 },
      weight_map: {
        a: 'model-00001-of-00002.safetensors',
        b: 'model-00002-of-00002.safetensors',
        c: 'model-00001-of-00002.safetensors',
      },
    };
    expect(shardFiles(index)).toEqual([
      'model-00001-of-00002.safetensors',
      'model-00002-of-00002.safetensors',
    ]);
    expect(() => shardFiles({ weight_map: { a: '../../etc/passwd' } })).toThrow(ConfigError);
    expect(() => shardFiles({})).toThrow(/weight_map/);
  });
});
