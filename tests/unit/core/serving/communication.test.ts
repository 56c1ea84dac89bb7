import { describe, expect, it } from 'vitest';
import {
  allToAllBytes,
  allToAllSeconds,
  DEFAULT_ROUTING,
  expertAllToAll,
  linkBytesPerSecond,
  parseHFConfig,
  pipelineSendSeconds,
  tensorParallelSeconds,
  type ModelSpec,
} from '../../../../src/lib/core/index.ts';
import { deployOnH100, h100 } from '../../helpers/deployments.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

// h100: NVLink 450 GB/s, network 50 GB/s per direction
const scout = parseHFConfig(fixtureConfig('llama4-scout'));
const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));

const deploy = (
  spec: ModelSpec,
  devices: number,
  layout: { tp?: number; ep?: number; pp?: number },
) => deployOnH100(spec, { devices, ...layout });

describe('allToAllSeconds', () => {
  it("allToAllSeconds reproduces DeepSeek's example: 32 x 9 x 7000 x (1 + 2) bytes over 50 GB/s = 120.96 us", () => {
    // ISCA'25 "Insights into DeepSeek-V3", section 2.3.2
    const a = { tokens: 32, expertsPerToken: 9, hidden: 7000, dispatchBytes: 1, combineBytes: 2 };
    expect(allToAllBytes(a)).toBe(6_048_000);
    expect(allToAllSeconds(a, 50e9)).toBeCloseTo(120.96e-6, 12);
  });
});

describe('expertAllToAll', () => {
  // DeepSeek-V3 (hidden 7168, top-8, 4 of 8 groups) over 16 H100, EP 16: two nodes of 8.
  const d = deploy(deepseek, 16, { tp: 1, ep: 16 });

  it('expertAllToAll per expert (decode): 7.5 of 8 copies leave the device, 4 of them over the network', () => {
    // remote copies 8 x 15/16 = 7.5; off-node share 8/15: 4 over the network, 3.5 over NVLink
    const a2a = expertAllToAll(d, 32, DEFAULT_ROUTING, 'per-expert');
    expect(a2a.bytes).toBe(32 * 7.5 * 7168 * 3);
    expect(a2a.seconds).toBeCloseTo((32 * 4 * 7168 * 3) / 50e9, 15);
  });

  it('expertAllToAll per node (prefill): a token crosses to the other node once, 1 - (1/2)^8 of the time', () => {
    // network copies (2 - 1) x (1 - (1 - 1/2)^8) = 0.99609375, at most topk_group 4;
    // NVLink: 8 x 7/16 local peers + 4 forwarded = 7.5
    const a2a = expertAllToAll(d, 32, DEFAULT_ROUTING, 'per-node');
    expect(a2a.seconds).toBeCloseTo((32 * 0.99609375 * 7168 * 3) / 50e9, 15);
    expect(a2a.bytes).toBe(Math.round(32 * (0.99609375 + 7.5) * 7168 * 3));
  });

  it('expertAllToAll within one node (EP 8) sends 7 of 8 copies over NVLink only', () => {
    const a2a = expertAllToAll(deploy(deepseek, 8, { tp: 1, ep: 8 }), 32, DEFAULT_ROUTING);
    expect(a2a.bytes).toBe(32 * 7 * 7168 * 3);
    expect(a2a.seconds).toBeCloseTo((32 * 7 * 7168 * 3) / 450e9, 15);
  });
});

describe('allToAllBytes', () => {
  it('allToAllBytes with BF16 both ways is tokens x experts x hidden x 4', () => {
    const a = { tokens: 2, expertsPerToken: 8, hidden: 7168, dispatchBytes: 2, combineBytes: 2 };
    expect(allToAllBytes(a)).toBe(2 * 8 * 7168 * 4);
    expect(allToAllSeconds(a, 1e9)).toBeCloseTo((2 * 8 * 7168 * 4) / 1e9, 15);
  });
});

describe('linkBytesPerSecond', () => {
  it('linkBytesPerSecond(H100, 8) is NVLink, 450 GB/s; (H100, 16) is the network, 50 GB/s', () => {
    expect(linkBytesPerSecond(h100, 8)).toBe(450e9);
    expect(linkBytesPerSecond(h100, 16)).toBe(50e9);
  });
});

describe('tensorParallelSeconds', () => {
  it('tensorParallelSeconds(Scout, TP 8, 1 token) is two ring all-reduces of 5120 BF16 values over NVLink', () => {
    // 2 all-reduces x 2 (8 - 1) / 8 x 1 x 5120 x 2 B / 450 GB/s (Megatron-LM section 3)
    expect(tensorParallelSeconds(deploy(scout, 8, {}), 1)).toBeCloseTo(
      ((2 * 2 * 7) / 8) * ((5120 * 2) / 450e9),
      18,
    );
  });

  it('tensorParallelSeconds without tensor parallelism is 0', () => {
    expect(tensorParallelSeconds(deploy(scout, 8, { tp: 1 }), 1000)).toBe(0);
  });
});

describe('pipelineSendSeconds', () => {
  it('pipelineSendSeconds(Scout, pp 2 over 16 H100, 1 token) sends 5120 BF16 values over the network', () => {
    expect(pipelineSendSeconds(deploy(scout, 16, { pp: 2 }), 1)).toBeCloseTo((5120 * 2) / 50e9, 18);
  });

  it('pipelineSendSeconds without a pipeline is 0', () => {
    expect(pipelineSendSeconds(deploy(scout, 8, {}), 1000)).toBe(0);
  });
});
