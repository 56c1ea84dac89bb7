import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOST,
  DEFAULT_PLACEMENT,
  findDevice,
  LOCAL_DEVICE_RESERVE_BYTES,
  localSetup,
  parseHFConfig,
  countParams,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { moreModelConfig } from '../../helpers/fixtures.ts';

const oss = parseHFConfig(moreModelConfig('gpt-oss-120b'));
const count = countParams(oss);
const on = (id: string, devices = 1): ServingOptions => ({
  device: findDevice(id)!,
  devices,
  contextTokens: 8192,
  batch: 1,
});

describe('localSetup', () => {
  it("a GPU with its own memory: its memory less the driver's reserve, the host as given, the card's own PCIe link", () => {
    const rtx = findDevice('rtx-4060-ti-16gb')!; // a PCIe 4.0 x8 card
    const { setup } = localSetup(oss, count, on('rtx-4060-ti-16gb'), {
      placement: DEFAULT_PLACEMENT,
      host: { memoryBytes: 128e9 },
    });
    expect(setup.unified).toBe(false);
    expect(setup.deviceUsableBytes).toBe(rtx.memoryBytes - LOCAL_DEVICE_RESERVE_BYTES);
    expect(setup.host.memoryBytes).toBe(128e9);
    expect(setup.host.bandwidthBytesPerSecond).toBe(DEFAULT_HOST.bandwidthBytesPerSecond);
    expect(setup.host.linkBytesPerSecond).toBe(15.75e9); // gen4 x8
    expect(setup.ubatch).toBe(512); // llama.cpp's default -ub
  });

  it("a unified pool: the GPU's share of it, and the host is the pool itself", () => {
    const mac = findDevice('m4-max-128gb')!;
    const { setup } = localSetup(oss, count, on('m4-max-128gb'), {
      placement: DEFAULT_PLACEMENT,
      unified: { gpuShare: 0.5 },
    });
    expect(setup.unified).toBe(true);
    expect(setup.deviceUsableBytes).toBe(Math.floor(mac.memoryBytes * 0.5));
    expect(setup.host.memoryBytes).toBe(mac.memoryBytes);
    expect(setup.host.bandwidthBytesPerSecond).toBe(mac.bandwidthBytesPerSecond);
  });

  it('refuses more than one GPU, a bad override pattern and a share out of range, naming each', () => {
    const local = { placement: DEFAULT_PLACEMENT };
    expect(() => localSetup(oss, count, on('rtx-4090', 2), local)).toThrow(
      'gpus: expected 1 with host memory, got 2',
    );
    expect(() =>
      localSetup(oss, count, on('rtx-4090'), {
        placement: { ...DEFAULT_PLACEMENT, overrides: ['(=CPU'] },
      }),
    ).toThrow(/override/i);
    expect(() =>
      localSetup(oss, count, on('m4-max-128gb'), { ...local, unified: { gpuShare: 2 } }),
    ).toThrow('gpu share: expected a fraction from 0.05 to 1, got 2');
  });

  it('refuses speculative decoding: the local model decodes one token per step', () => {
    const mtp = { method: 'mtp' as const, draftTokens: 1, acceptance: 0.85 };
    expect(() =>
      localSetup(
        oss,
        count,
        { ...on('rtx-4090'), speculative: mtp },
        { placement: DEFAULT_PLACEMENT },
      ),
    ).toThrow(
      'spec-decode: expected none with system RAM (the llama.cpp estimate decodes one token per step), got "mtp"',
    );
  });
});
