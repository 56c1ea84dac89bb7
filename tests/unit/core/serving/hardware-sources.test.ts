import { describe, expect, it } from 'vitest';
import {
  DEVICE_SOURCES,
  DEVICES,
  deviceSource,
  findDevice,
} from '../../../../src/lib/core/index.ts';

describe('DEVICE_SOURCES', () => {
  it('has a source and a price note for every catalog device and for custom devices, and nothing else', () => {
    expect(Object.keys(DEVICE_SOURCES).sort()).toEqual(
      [...DEVICES.map((d) => d.id), 'custom'].sort(),
    );
    for (const [id, { source, priceNote }] of Object.entries(DEVICE_SOURCES)) {
      expect(source, id).not.toBe('');
      expect(priceNote, id).not.toBe('');
    }
  });

  it('says where an assumed price comes from (the H800 is priced as the H100 SXM)', () => {
    expect(DEVICE_SOURCES.h800!.priceNote).toMatch(/^assumed/);
  });

  it.each(['b300', 'gb300', 'mi355x'])(
    "%s's assumed price is the one its note works out from the RunPod B200",
    (id) => {
      const note = DEVICE_SOURCES[id]!.priceNote;
      expect(note).toMatch(/^assumed: RunPod B200 \$5\.98 x SemiAnalysis retail tier/);
      expect(note).toContain(`= $${findDevice(id)!.usdPerHour.toFixed(2)};`);
    },
  );

  it('prices from outside the RunPod snapshot say so (TPU list prices, the GH200 on Lambda)', () => {
    for (const id of ['tpu-v5e', 'tpu-v6e', 'gh200'])
      expect(DEVICE_SOURCES[id]!.priceNote, id).toContain('not the RunPod snapshot');
  });
});

describe('deviceSource', () => {
  it('finds a data-centre device in DEVICE_SOURCES and a local one in the local sources', () => {
    expect(deviceSource('h100-sxm')).toBe(DEVICE_SOURCES['h100-sxm']);
    expect(deviceSource('rtx-4090')?.source).toMatch(/Ada Lovelace/);
    expect(deviceSource('tpu-v9')).toBeUndefined();
  });
});
