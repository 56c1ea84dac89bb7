/**
 * Reading a GGUF header stays fast with a real vocabulary: 150,000 tokens (Qwen3's is 151,936,
 * gpt-oss's 201,088), their scores and types, as headers of real files are 5 to 15 MB mostly for
 * that. Measured in CPU time (see cpu-time.ts), interleaved:
 *   - the 150,000-token header against the 15,000-token one: the cost must grow about linearly
 *     (the ratio under 30: linear is 10, and measured 16 to 22, as 15,000 items stay in the
 *     caches and 150,000 do not, numbers alike; a quadratic reader would be ~100);
 *   - under BUDGET_MS of CPU time for the 150,000-token header;
 *   - skipping the arrays' items (`skipArrays`) must cost under a third of reading them.
 *
 * On the 2-core test machine, `npx vitest run --project perf tests/perf/gguf.perf.test.ts`
 * with other test runs beside it: 150,000 tokens (3.8 MB) 40 to 60 ms of CPU time, 15,000
 * tokens 2 to 3 ms, skipping the arrays 2 ms (ratio 0.04). Most of the time is making 150,000
 * strings; a caller that needs no tokenizer skips them.
 */
import { describe, expect, it } from 'vitest';
import { parseGguf } from '../../src/lib/core/index.ts';
import { buildGguf, meta } from '../unit/helpers/gguf-builder.ts';
import { measureCpu } from './cpu-time.ts';

const BUDGET_MS = 400;
const MAX_SCALING = 30;

function vocabularyHeader(tokens: number): Uint8Array {
  const words = Array.from({ length: tokens }, (_, i) => (i % 5 === 0 ? `Ġwörd${i}` : `tok${i}`));
  return buildGguf({
    metadata: [
      ['general.architecture', meta.str('qwen3moe')],
      ['tokenizer.ggml.tokens', meta.arr('string', words)],
      [
        'tokenizer.ggml.scores',
        meta.arr(
          'float32',
          words.map((_, i) => -i),
        ),
      ],
      [
        'tokenizer.ggml.token_type',
        meta.arr(
          'int32',
          words.map(() => 1),
        ),
      ],
    ],
    tensors: [{ name: 'token_embd.weight', dims: [2048, tokens], type: 'Q4_K' }],
    data: false,
  }).bytes;
}

describe('parseGguf speed', () => {
  it(`reads a 150,000-token vocabulary linearly, under ${BUDGET_MS} ms of CPU time`, () => {
    const large = vocabularyHeader(150_000);
    const small = vocabularyHeader(15_000);
    const t = measureCpu(
      {
        large: () => parseGguf(large, { fileBytes: Infinity }),
        small: () => parseGguf(small, { fileBytes: Infinity }),
        skip: () => parseGguf(large, { fileBytes: Infinity, skipArrays: true }),
      },
      { rounds: 9, batch: 1, warmup: 2 },
    );
    const scaling = t.ratio('large', 'small');
    const skip = t.ratio('skip', 'large');
    console.log(
      `parseGguf: 150,000 tokens (${(large.length / 1e6).toFixed(1)} MB) ${(t.cpu.large / 1000).toFixed(1)} ms CPU ` +
        `(${(t.wall.large / 1000).toFixed(1)} ms wall); 15,000 tokens ${(t.cpu.small / 1000).toFixed(1)} ms, ratio ${scaling.toFixed(1)} ` +
        `(at most ${MAX_SCALING}); skipping the arrays ${(t.cpu.skip / 1000).toFixed(1)} ms, ratio ${skip.toFixed(2)}`,
    );
    expect(t.cpu.large / 1000).toBeLessThan(BUDGET_MS);
    expect(scaling).toBeLessThan(MAX_SCALING);
    expect(skip).toBeLessThan(1 / 3);
  });
});
