import { describe, expect, it } from 'vitest';
import {
  devicesHelp,
  kvHelp,
  modelsHelp,
  weightFormatsHelp,
} from '../../../src/cli/catalog-help.ts';
import {
  DEVICE_IDS,
  deviceGroups,
  presets,
  WEIGHT_FORMAT_IDS,
} from '../../../src/lib/core/index.ts';

describe('modelsHelp', () => {
  it('modelsHelp says what a model argument is and lists every preset id', () => {
    const lines = modelsHelp();
    expect(lines[0]).toBe('models: the path of a Hugging Face config.json, or a preset id:');
    const text = lines.join('\n');
    for (const preset of presets) expect(text).toContain(preset.id);
  });
});

describe('devicesHelp', () => {
  it('devicesHelp lists each device with its name and price: h100-sxm at $2.69/hour', () => {
    const lines = devicesHelp();
    expect(lines[0]).toBe('devices (--gpu ID):');
    expect(lines.find((l) => l.startsWith('  h100-sxm '))).toMatch(
      /^ {2}h100-sxm +NVIDIA H100 SXM 80GB +\$2\.69\/hour$/,
    );
  });

  it('devicesHelp lists every registered device under its group, then the older ids', () => {
    const lines = devicesHelp();
    const groups = deviceGroups();
    const devices = groups.flatMap((g) => g.devices);
    // a title, a line per group and per device, the older ids, the custom device
    expect(lines).toHaveLength(1 + groups.length + devices.length + 2);
    for (const d of devices)
      expect(lines.filter((l) => l.startsWith(`  ${d.id} `))).toHaveLength(1);
    expect(lines).toContain('  Apple silicon (priced as bought, over 3 years):');
    expect(lines).toContain('  older ids: m4-max = m4-max-128gb, m3-ultra = m3-ultra-512gb');
    expect(DEVICE_IDS.every((id) => lines.join('\n').includes(id))).toBe(true);
  });

  it("devicesHelp shows a card's PCIe link, a unified pool's GPU share, and a consumer price in tenths of a cent", () => {
    const line = (id: string) => devicesHelp().find((l) => l.startsWith(`  ${id} `));
    expect(line('rtx-4090')).toMatch(/\$0\.061\/hour +PCIe 4\.0 x16$/);
    expect(line('m4-max-128gb')).toMatch(/unified memory, the GPU may use 75%$/);
    expect(line('m4-max-36gb')).toMatch(/the GPU may use 67%$/);
  });

  it('devicesHelp ends with the custom device at $2.00/hour', () => {
    expect(devicesHelp().at(-1)).toBe(
      '  a custom device (--gpu-memory-gb, --gpu-bandwidth-gbs, --gpu-tflops): $2.00/hour',
    );
  });
});

describe('weightFormatsHelp', () => {
  it.each([
    ['fp8', 'FP8 (block scales)', '8.002'], // 8 + 32/16384 = 8.00195, four decimals
    ['mxfp4', 'MXFP4', '4.25'],
    ['q6_k', 'GGUF Q6_K', '6.5625'],
  ])('weightFormatsHelp shows %s as %s, %s bits per parameter', (id, label, bits) => {
    const line = weightFormatsHelp().find((l) => l.startsWith(`  ${id} `));
    expect(line).toMatch(
      new RegExp(`^ {2}${id} +${label.replace(/[()]/g, '\\$&')} +${bits} bits per parameter$`),
    );
  });

  it('weightFormatsHelp has a line per format', () => {
    expect(weightFormatsHelp()).toHaveLength(WEIGHT_FORMAT_IDS.length + 1);
  });
});

describe('kvHelp', () => {
  it('kvHelp lists the KV dtypes with their bytes and the layouts with what they keep', () => {
    const lines = kvHelp();
    expect(lines).toContain('KV dtypes (--kv-dtype DTYPE):');
    expect(lines).toContain('  bf16  2 bytes per element');
    expect(lines).toContain('  fp8   1 byte per element');
    expect(lines).toContain('KV layouts (--kv-layout LAYOUT):');
    expect(lines.find((l) => l.startsWith('  full '))).toMatch(
      /every layer keeps the whole context/,
    );
  });
});
