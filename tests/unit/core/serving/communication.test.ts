import { describe, expect, it } from 'vitest';
import {
  allToAllBytes,
  allToAllSeconds,
  DEFAULT_ROUTING,
  expertAllToAll,
  findDevice,
  parseHFConfig,
  resolveServing,
  pipelineSendSeconds,
  tensorParallelSeconds,
  type ModelSpec,
} from '../../../../src/lib/core/index.ts';
import { deployOnH100 } from '../../helpers/deployments.ts';
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
    // plus two rounds' latency over the network: NCCL's LL base 6.6 us + one network hop 2.7 us
    const a2a = expertAllToAll(d, 32, DEFAULT_ROUTING, 'per-expert');
    expect(a2a.bytes).toBe(32 * 7.5 * 7168 * 3);
    expect(a2a.latencySeconds).toBeCloseTo(2 * 9.3e-6, 15);
    expect(a2a.seconds).toBeCloseTo(2 * 9.3e-6 + (32 * 4 * 7168 * 3) / 50e9, 15);
  });

  it('expertAllToAll per node (prefill): a token crosses to the other node once, 1 - (1/2)^8 of the time', () => {
    // network copies (2 - 1) x (1 - (1 - 1/2)^8) = 0.99609375, at most topk_group 4;
    // NVLink: 8 x 7/16 local peers + 4 forwarded = 7.5
    const a2a = expertAllToAll(d, 32, DEFAULT_ROUTING, 'per-node');
    expect(a2a.seconds).toBeCloseTo(2 * 9.3e-6 + (32 * 0.99609375 * 7168 * 3) / 50e9, 15);
    expect(a2a.bytes).toBe(Math.round(32 * (0.99609375 + 7.5) * 7168 * 3));
  });

  it('expertAllToAll within one node (EP 8) sends 7 of 8 copies over NVLink only', () => {
    // latency: two rounds of NCCL's LL base 6.6 us + one NVLink hop 0.6 us
    const a2a = expertAllToAll(deploy(deepseek, 8, { tp: 1, ep: 8 }), 32, DEFAULT_ROUTING);
    expect(a2a.bytes).toBe(32 * 7 * 7168 * 3);
    expect(a2a.seconds).toBeCloseTo(2 * 7.2e-6 + (32 * 7 * 7168 * 3) / 450e9, 15);
  });
});

describe("expertAllToAll against DeepEP's measured low-latency kernels", () => {
  // DeepEP V1 (docs/legacy.md, "Low-latency kernels with pure RDMA"; github deepseek-ai/DeepEP):
  // H800, one CX7 InfiniBand 400 Gb/s NIC each (~50 GB/s), 128 tokens per batch, hidden 7168,
  // top-8 experts, FP8 dispatch and BF16 combine. Dispatch + combine latency per MoE layer, us:
  const measured: [ep: number, dispatch: number, combine: number][] = [
    [16, 118, 195],
    [32, 155, 273],
    [64, 173, 314],
    [128, 192, 369],
    [256, 194, 360],
  ];
  const h800 = findDevice('h800')!;
  it.each(measured)(
    'EP %i: the modelled decode all-to-all is within x1.5 of dispatch %i us + combine %i us, and below it',
    (ep, dispatch, combine) => {
      const d = resolveServing(deepseek, {
        device: h800,
        devices: ep,
        tp: 1,
        ep,
        weights: 'fp8',
        contextTokens: 4096,
        batch: 1,
      }).deployment;
      const modelled = expertAllToAll(d, 128, DEFAULT_ROUTING, 'per-expert').seconds;
      const published = (dispatch + combine) * 1e-6;
      // 0.76-0.83 of it (2026-12-04): DeepEP's kernels reach 39-48 GB/s of the NIC's ~50
      // ("RDMA bandwidth" column), the model the full 50 GB/s plus two message latencies.
      expect(modelled / published).toBeGreaterThan(1 / 1.5);
      expect(modelled / published).toBeLessThan(1);
    },
  );
});

describe('allToAllBytes', () => {
  it('allToAllBytes with BF16 both ways is tokens x experts x hidden x 4', () => {
    const a = { tokens: 2, expertsPerToken: 8, hidden: 7168, dispatchBytes: 2, combineBytes: 2 };
    expect(allToAllBytes(a)).toBe(2 * 8 * 7168 * 4);
    expect(allToAllSeconds(a, 1e9)).toBeCloseTo((2 * 8 * 7168 * 4) / 1e9, 15);
  });
});

describe('tensorParallelSeconds', () => {
  it("tensorParallelSeconds(Scout, TP 8, 1 token) is two of the engine's one-shot all-reduces of 5120 BF16 values", () => {
    // one-shot: (3.8 + 0.3 x 7) us + 10,240 B at 40 GB/s (SGLang #2904), faster than NCCL's ring
    // LL, 6.6 + 14 x 0.6 = 15.0 us; 2 all-reduces per layer (Megatron-LM section 3)
    const one = 5.9e-6 + (5120 * 2) / 40e9;
    expect(tensorParallelSeconds(deploy(scout, 8, {}), 1)).toBeCloseTo(2 * one, 15);
  });

  it('tensorParallelSeconds under llama.cpp (no one-shot all-reduce) is NCCL ring LL, 15.0 us each', () => {
    const d = deployOnH100(scout, { devices: 8, memory: { engine: 'llamacpp' } });
    const one = 15.0e-6 + (5120 * 2) / ((450e9 * 0.5 * 8) / 14);
    expect(tensorParallelSeconds(d, 1)).toBeCloseTo(2 * one, 15);
  });

  it('tensorParallelSeconds(DeepSeek-V3, TP 16 over two nodes, 1 token) pays the network: NCCL tree LL', () => {
    // tree LL: 6.8 + 2 x ((8 - 1) x 0.6 + log2(2) x 5.0) = 25.2 us; bandwidth 50 GB/s x 0.92 / 3.8 x 0.5
    const d = deploy(deepseek, 16, { tp: 16 });
    expect(d.layout).toMatchObject({ nodes: 2, gpusPerNode: 8, scaleUpDomain: 8 });
    // across nodes at the measured latency: x 61.58 / 25.21 (NCCL #1453)
    const one = 25.2e-6 * (61.58 / 25.21) + (7168 * 2) / ((50e9 * 0.92 * 0.5) / 3.8);
    expect(tensorParallelSeconds(d, 1)).toBeCloseTo(2 * one, 15);
  });

  it('tensorParallelSeconds on two GeForce cards of one desktop: one node, over PCIe, NCCL ring LL', () => {
    // RTX 4090s meet over their Gen4 x16 links (32 GB/s) inside one box (local-devices.ts
    // `card`), not over the network: ring LL 6.6 + 2 x (2 - 1) x 1.0 (PCIe hop) = 8.6 us, and
    // 10,240 B at 32 GB/s x 0.5 (LL) x 2 / (2 x (2 - 1)).
    const d = deployOnH100(scout, { device: findDevice('rtx-4090')!, devices: 2 });
    expect(d.layout).toMatchObject({ nodes: 1, gpusPerNode: 2, scaleUpDomain: 2 });
    const one = 8.6e-6 + (5120 * 2) / (32e9 * 0.5);
    expect(tensorParallelSeconds(d, 1)).toBeCloseTo(2 * one, 15);
  });

  it('tensorParallelSeconds without tensor parallelism is 0', () => {
    expect(tensorParallelSeconds(deploy(scout, 8, { tp: 1 }), 1000)).toBe(0);
  });
});

describe('pipelineSendSeconds', () => {
  it('pipelineSendSeconds(Scout, pp 2 over 16 H100, 1 token) sends 5120 BF16 values over the network', () => {
    // one LL message: 6.6 + 2.7 us tuned, x 61.58 / 25.21 measured, then 10,240 B at 50 GB/s x 0.5
    expect(pipelineSendSeconds(deploy(scout, 16, { pp: 2 }), 1)).toBeCloseTo(
      9.3e-6 * (61.58 / 25.21) + (5120 * 2) / 25e9,
      15,
    );
  });

  it('pipelineSendSeconds without a pipeline is 0', () => {
    expect(pipelineSendSeconds(deploy(scout, 8, {}), 1000)).toBe(0);
  });
});
