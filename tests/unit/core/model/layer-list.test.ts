import { describe, expect, it } from 'vitest';
import {
  countMoeLayers,
  expandLayers,
  hasWindowedAttention,
} from '../../../../src/lib/core/index.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

describe('countMoeLayers', () => {
  it.each([
    ['llama4-scout', 48], // every layer
    ['llama4-maverick', 24], // every other of 48
    ['deepseek-v3', 58], // 61 - 3 dense
    ['llama3.1-8b', 0], // dense: no MoE at all
  ])('countMoeLayers(%s) is %i', (id, layers) => {
    expect(countMoeLayers(fixtureSpec(id))).toBe(layers);
  });
});

describe('expandLayers', () => {
  it('expandLayers(Scout) gives 48 layers; every 4th is global NoPE, the rest chunked', () => {
    const layers = expandLayers(fixtureSpec('llama4-scout'));
    expect(layers).toHaveLength(48);
    expect(layers.map((l) => l.index)).toEqual(Array.from({ length: 48 }, (_, i) => i));
    expect(layers[3]!.kind).toEqual({ window: { kind: 'global' }, rope: false });
    expect(layers[4]!.kind).toEqual({ window: { kind: 'chunked', tokens: 8192 }, rope: true });
  });

  it('expandLayers(Maverick) gives dense layers the dense MLP (16384) and MoE layers the experts', () => {
    const [dense, moe] = expandLayers(fixtureSpec('llama4-maverick'));
    expect(dense!.ffn).toEqual({
      kind: 'dense',
      mlp: { intermediateSize: 16384, gated: true, bias: false },
    });
    expect(moe!.ffn.kind).toBe('moe');
  });

  it('expandLayers(gpt-oss-20b) alternates sliding (128) and global layers', () => {
    const kinds = expandLayers(fixtureSpec('gpt-oss-20b')).map((l) => l.kind.window.kind);
    expect(kinds.slice(0, 4)).toEqual(['sliding', 'global', 'sliding', 'global']);
  });
});

describe('hasWindowedAttention', () => {
  it.each([
    ['llama4-scout', true], // 36 chunked layers of 8,192 (config attention_chunk_size)
    ['gpt-oss-20b', true], // every other layer slides over 128 tokens (config sliding_window)
    ['deepseek-v3', false], // MLA on every layer, no window
    ['qwen3-30b-a3b', false], // use_sliding_window false in the config
    ['mixtral-8x7b', false], // sliding_window null in the config
  ])('%s: %s', (id, windowed) => {
    expect(hasWindowedAttention(fixtureSpec(id))).toBe(windowed);
  });

  it('looks only at the layers there are: a window past the last layer does not count', () => {
    const scout = fixtureSpec('llama4-scout');
    // Scout's pattern is chunked, chunked, chunked, global: one layer is chunked, so windowed.
    expect(hasWindowedAttention({ ...scout, layers: 1 })).toBe(true);
    const global = scout.attentionPattern.find((k) => k.window.kind === 'global')!;
    const chunked = scout.attentionPattern.find((k) => k.window.kind === 'chunked')!;
    expect(hasWindowedAttention({ ...scout, layers: 1, attentionPattern: [global, chunked] })).toBe(
      false,
    );
  });
});
