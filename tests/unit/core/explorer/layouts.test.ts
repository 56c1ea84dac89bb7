import { describe, expect, it } from 'vitest';
import {
  classifyLayout,
  describeDevice,
  findDevice,
  layoutChoices,
  layoutFields,
  llamaCppLayoutNote,
  nodeSize,
  withDeviceCount,
  type LayoutChoice,
} from '../../../../src/lib/core/index.ts';

describe('layoutChoices', () => {
  it('layoutChoices(8) offers TP, EP, TP + EP, a pipeline over nodes of 8 and the layer split', () => {
    expect(layoutChoices(8).map((c) => c.value)).toEqual(['tp', 'ep', 'tpep', 'pp', 'layers']);
    expect(layoutChoices(8)[3]!.label).toBe('Pipeline over nodes of 8 (TP 8)');
    expect(layoutChoices(8)[4]!.label).toBe(
      "Layers split over the GPUs (llama.cpp's default; PP = GPUs)",
    );
  });

  it('layoutChoices(1) leaves out the pipeline over nodes: with one GPU a node it is the layer split', () => {
    expect(layoutChoices(1).map((c) => c.value)).toEqual(['tp', 'ep', 'tpep', 'layers']);
  });

  it('layoutChoices(72) names nodes of 72 (GB200 NVL72)', () => {
    expect(layoutChoices(72)[3]!.label).toBe('Pipeline over nodes of 72 (TP 72)');
  });
});

describe('nodeSize', () => {
  it.each([
    ['h100-sxm', 8],
    ['gb200', 72],
    ['rtx-4090', 8], // a box of cards over PCIe (local-devices.ts `card`)
    ['dgx-spark', 1], // one GPU to a machine
  ])('nodeSize(%s) is %i', (id, size) => {
    expect(nodeSize(findDevice(id))).toBe(size);
  });

  it('nodeSize(undefined) is 8', () => {
    expect(nodeSize(undefined)).toBe(8);
  });
});

describe('classifyLayout', () => {
  it.each([
    [{ tp: null, ep: 1, pp: 1 }, 'tp'],
    [{ tp: 1, ep: 16, pp: 1 }, 'ep'],
    [{ tp: null, ep: 16, pp: 1 }, 'tpep'],
    [{ tp: 8, ep: 16, pp: 1 }, 'tpep'],
    [{ tp: 8, ep: 1, pp: 2 }, 'pp'],
    [{ tp: 1, ep: 1, pp: 4 }, 'layers'],
    [{ tp: 1, ep: 8, pp: 2 }, 'pp'],
  ])('classifyLayout(%j) is %s', (fields, choice) => {
    expect(classifyLayout(fields)).toBe(choice);
  });
});

describe('layoutFields', () => {
  it.each([
    ['tp', 16, 8, { tp: null, ep: 1, pp: 1 }],
    ['ep', 16, 8, { tp: 1, ep: 16, pp: 1 }],
    ['tpep', 16, 8, { tp: null, ep: 16, pp: 1 }],
    ['pp', 16, 8, { tp: 8, ep: 1, pp: 2 }], // the TSDoc example
    ['pp', 144, 72, { tp: 72, ep: 1, pp: 2 }], // two GB200 NVL72 racks
    ['pp', 4, 8, { tp: 4, ep: 1, pp: 1 }], // fewer devices than a node: one stage
    ['layers', 4, 8, { tp: 1, ep: 1, pp: 4 }], // llama.cpp's --split-mode layer
  ] as const)(
    'layoutFields(%s, %i devices, nodes of %i) is %j',
    (choice, devices, node, fields) => {
      expect(layoutFields(choice, devices, node)).toEqual(fields);
    },
  );

  it.each<LayoutChoice>(['tp', 'ep', 'tpep', 'pp', 'layers'])(
    'classifyLayout(layoutFields(%s, 16, 8)) is the same choice',
    (choice) => {
      expect(classifyLayout(layoutFields(choice, 16, 8))).toBe(choice);
    },
  );
});

describe('withDeviceCount', () => {
  it.each([
    [
      'expert parallel stays over all devices',
      { tp: 1, ep: 8, pp: 1 },
      16,
      8,
      { devices: 16, tp: 1, ep: 16, pp: 1 },
    ],
    [
      'TP + EP stays TP + EP',
      { tp: null, ep: 8, pp: 1 },
      32,
      8,
      { devices: 32, tp: null, ep: 32, pp: 1 },
    ],
    [
      'a pipeline stays one stage per node of 8',
      { tp: 8, ep: 1, pp: 2 },
      32,
      8,
      { devices: 32, tp: null, ep: 1, pp: 4 },
    ],
    [
      'a pipeline stays one stage per node of 72',
      { tp: 72, ep: 1, pp: 2 },
      216,
      72,
      { devices: 216, tp: null, ep: 1, pp: 3 },
    ],
    [
      'a layer split stays one stage per device',
      { tp: 1, ep: 1, pp: 4 },
      6,
      8,
      { devices: 6, tp: 1, ep: 1, pp: 6 },
    ],
    [
      'tensor parallel stays automatic',
      { tp: null, ep: 1, pp: 1 },
      4,
      8,
      { devices: 4, tp: null, ep: 1, pp: 1 },
    ],
  ] as const)('withDeviceCount: %s', (_, fields, devices, node, expected) => {
    expect(withDeviceCount(fields, devices, node)).toEqual(expected);
  });
});

describe('describeDevice', () => {
  it('describeDevice(H100 SXM) is "3.35 TB/s, 990 BF16 TFLOP/s"', () => {
    expect(describeDevice(findDevice('h100-sxm')!)).toBe('3.35 TB/s, 990 BF16 TFLOP/s');
  });
});

describe('llamaCppLayoutNote', () => {
  it('says what tensor and expert parallel mean under llama.cpp over several GPUs, else nothing', () => {
    expect(llamaCppLayoutNote('llamacpp', 'tp', 4)).toBe(
      "llama.cpp runs this as its row split, which keeps a MoE's routed experts on the first GPU: slower than estimated",
    );
    expect(llamaCppLayoutNote('llamacpp', 'ep', 4)).toBe(
      'llama.cpp has no expert parallelism: it splits layers or rows',
    );
    expect(llamaCppLayoutNote('llamacpp', 'layers', 4)).toBe('');
    expect(llamaCppLayoutNote('llamacpp', 'tp', 1)).toBe('');
    expect(llamaCppLayoutNote('vllm', 'tp', 4)).toBe('');
    expect(llamaCppLayoutNote(undefined, 'tp', 4)).toBe('');
  });
});
