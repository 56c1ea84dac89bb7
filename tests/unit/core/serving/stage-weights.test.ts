import { describe, expect, it } from 'vitest';
import { parseHFConfig } from '../../../../src/lib/core/index.ts';
import {
  layerWeightsBytes,
  stageWeightsBytes,
} from '../../../../src/lib/core/serving/stage-weights.ts';
import { deployOnH100 } from '../../helpers/deployments.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));

// One Mixtral 8x7B decoder layer, in parameters (BF16, 2 bytes each; config in tests/fixtures):
// attention 4096 x (4096 + 2 x 1024) + 4096 x 4096 = 41,943,040; 8 experts of 3 x 4096 x 14,336
// = 1,409,286,144; two RMSNorms 8,192; router 4096 x 8 = 32,768.
const ATTENTION = 41_943_040;
const EXPERTS = 1_409_286_144;
const REPLICATED = 8_192 + 32_768;

describe('layerWeightsBytes', () => {
  it('one Mixtral layer on one device holds all of it', () => {
    const d = deployOnH100(mixtral);
    expect(layerWeightsBytes(d, d.count.layers[0]!)).toBe(2 * (ATTENTION + EXPERTS + REPLICATED));
  });

  it('tp 8 splits attention and every expert 8 ways; ep 8 gives each device one whole expert', () => {
    const tp = deployOnH100(mixtral, { devices: 8 });
    expect(layerWeightsBytes(tp, tp.count.layers[0]!)).toBe(
      2 * ((ATTENTION + EXPERTS) / 8 + REPLICATED),
    );
    const ep = deployOnH100(mixtral, { devices: 8, tp: 1, ep: 8 });
    expect(layerWeightsBytes(ep, ep.count.layers[0]!)).toBe(
      2 * (ATTENTION + EXPERTS / 8 + REPLICATED),
    );
  });

  it('tp 8 with ep 2 holds 4 experts split 4 ways: the bytes of tp 8 alone', () => {
    const both = deployOnH100(mixtral, { devices: 8, tp: 8, ep: 2 });
    expect(layerWeightsBytes(both, both.count.layers[0]!)).toBe(
      2 * ((ATTENTION + EXPERTS) / 8 + REPLICATED),
    );
  });
});

describe('stageWeightsBytes', () => {
  it('the only stage holds the layers, the embedding, the LM head and the final norm: the whole checkpoint', () => {
    // 46,702,792,704 parameters x 2 B (expected-params.json)
    const d = deployOnH100(mixtral);
    const all = d.count.layers.map((_, i) => i);
    expect(stageWeightsBytes(d, all, true, true)).toBe(93_405_585_408);
  });

  it('the first stage adds the embedding, the last the LM head and the final norm', () => {
    const d = deployOnH100(mixtral);
    const layers = [0, 1];
    const bare = stageWeightsBytes(d, layers, false, false);
    expect(bare).toBe(2 * 2 * (ATTENTION + EXPERTS + REPLICATED));
    expect(stageWeightsBytes(d, layers, true, false) - bare).toBe(32_000 * 4096 * 2);
    expect(stageWeightsBytes(d, layers, false, true) - bare).toBe(32_000 * 4096 * 2 + 4096 * 2);
  });
});
