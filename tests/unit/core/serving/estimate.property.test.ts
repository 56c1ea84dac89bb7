import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildDeployment,
  CONTEXT_SEARCH_LIMIT,
  countParams,
  DEFAULT_MEMORY,
  DEVICES,
  deviceMemory,
  estimateServing,
  fitsAt,
  kvBytesPerSequence,
  maxContextTokens,
  presets,
  presetSpec,
  resolveLayout,
  defaultWeightPlan,
  type KvLayout,
} from '../../../../src/lib/core/index.ts';

const specs = presets.map(presetSpec);
const specArb = fc.constantFrom(...specs);
const deviceArb = fc.constantFrom(...DEVICES);
const layoutArb = fc.constantFrom<KvLayout>('hybrid', 'full');

function deployment(
  spec: (typeof specs)[number],
  device: (typeof DEVICES)[number],
  devices: number,
  kvLayout: KvLayout,
) {
  return buildDeployment({
    spec,
    count: countParams(spec),
    layout: resolveLayout(spec, { devices }),
    device,
    plan: defaultWeightPlan(spec),
    kvDtype: 'bf16',
    kvLayout,
    memory: DEFAULT_MEMORY,
  });
}

describe('serving properties', () => {
  it('KV memory grows linearly with the batch', () => {
    fc.assert(
      fc.property(
        specArb,
        layoutArb,
        fc.integer({ min: 1, max: 1 << 20 }),
        fc.integer({ min: 1, max: 512 }),
        (spec, layout, context, batch) => {
          const e1 = estimateServing(spec, {
            device: DEVICES[0]!,
            devices: 8,
            contextTokens: context,
            batch: 1,
            kvLayout: layout,
          });
          const eb = estimateServing(spec, {
            device: DEVICES[0]!,
            devices: 8,
            contextTokens: context,
            batch,
            kvLayout: layout,
          });
          expect(eb.kvBytes).toBe(batch * e1.kvBytes);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('per-device memory grows linearly with the sequences on a replica', () => {
    fc.assert(
      fc.property(
        specArb,
        fc.integer({ min: 1, max: 1 << 18 }),
        fc.integer({ min: 1, max: 64 }),
        (spec, context, batch) => {
          const d = deployment(spec, DEVICES[0]!, 8, 'hybrid');
          const one = deviceMemory(d, context, 1);
          const many = deviceMemory(d, context, batch * d.layout.dp);
          expect(many.kvBytes).toBe(batch * one.kvBytes);
          expect(many.weightsBytes).toBe(one.weightsBytes);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('KV memory at twice the context is between once and twice as large (windows cap some layers)', () => {
    fc.assert(
      fc.property(
        specArb,
        layoutArb,
        fc.integer({ min: 1, max: 1 << 22 }),
        (spec, layout, context) => {
          const a = kvBytesPerSequence(spec, context, 'bf16', layout);
          const b = kvBytesPerSequence(spec, 2 * context, 'bf16', layout);
          expect(b).toBeGreaterThanOrEqual(a);
          expect(b).toBeLessThanOrEqual(2 * a);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('KV memory doubles with the context in the full layout and in models without windowed layers, less the fixed state of linear-attention layers', () => {
    fc.assert(
      fc.property(
        specArb,
        layoutArb,
        fc.integer({ min: 1, max: 1 << 22 }),
        (spec, layout, context) => {
          const windowed = spec.attentionPattern.some((k) => k.window.kind !== 'global');
          fc.pre(layout === 'full' || !windowed); // about 85% of the cases
          // DeepSeek-V4 keeps its window and one entry per 4 or 128 tokens in either layout
          // (kv-cache.ts keptTokens; tests/unit/core/model/families/deepseek-v4.test.ts).
          fc.pre(!spec.attentionPattern.some((k) => k.window.kind === 'compressed'));
          const kv = (tokens: number) => kvBytesPerSequence(spec, tokens, 'bf16', layout);
          if (spec.attentionPattern.some((k) => k.mixer === 'state')) {
            // A state-space or linear-attention layer holds one state whatever the context
            // (models/qwen3_next/modeling_qwen3_next.py): the cache grows by the same bytes per token.
            expect(kv(3 * context) - kv(2 * context)).toBe(kv(2 * context) - kv(context));
            expect(kv(2 * context)).toBeLessThan(2 * kv(context));
          } else expect(kv(2 * context)).toBe(2 * kv(context));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('more devices never make a fitting deployment stop fitting', () => {
    fc.assert(
      fc.property(
        specArb,
        deviceArb,
        fc.constantFrom(1, 2, 4, 8, 16, 32),
        fc.integer({ min: 1, max: 1 << 20 }),
        fc.integer({ min: 1, max: 256 }),
        (spec, device, devices, context, batch) => {
          const small = deployment(spec, device, devices, 'hybrid');
          fc.pre(fitsAt(small, context, batch)); // about 1 case in 5
          const large = deployment(spec, device, devices * 2, 'hybrid');
          expect(fitsAt(large, context, batch)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the max context that fits is whole KV blocks and really fits, and one more KV block does not', () => {
    fc.assert(
      fc.property(
        specArb,
        deviceArb,
        fc.constantFrom(1, 2, 4, 8),
        fc.integer({ min: 1, max: 64 }),
        layoutArb,
        (spec, device, devices, batch, layout) => {
          const d = deployment(spec, device, devices, layout);
          const max = maxContextTokens(d, batch);
          const block = d.memory.kvBlockTokens;
          // About half the cases fit some context; none reaches the search limit.
          fc.pre(max > 0 && max < CONTEXT_SEARCH_LIMIT);
          expect(max % block).toBe(0);
          expect(fitsAt(d, max, batch)).toBe(true);
          expect(fitsAt(d, max + block, batch)).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a max context of 0 means that not even one KV block fits', () => {
    fc.assert(
      fc.property(
        specArb,
        deviceArb,
        fc.constantFrom(1, 2, 4, 8),
        fc.integer({ min: 1, max: 64 }),
        layoutArb,
        (spec, device, devices, batch, layout) => {
          const d = deployment(spec, device, devices, layout);
          fc.pre(maxContextTokens(d, batch) === 0); // about half the cases
          expect(fitsAt(d, d.memory.kvBlockTokens, batch)).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('decode speed and cost are finite and positive for every preset on every device', () => {
    for (const spec of specs) {
      for (const device of DEVICES) {
        const e = estimateServing(spec, { device, devices: 8, contextTokens: 4096, batch: 8 });
        expect(e.decode.tokensPerSecond).toBeGreaterThan(0);
        expect(Number.isFinite(e.costPerMillionOutputTokens)).toBe(true);
        expect(
          Number.isSafeInteger(e.weightsBytes) &&
            Number.isSafeInteger(e.kvBytes) &&
            Number.isSafeInteger(e.perDeviceBytes),
        ).toBe(true);
      }
    }
  });
});
