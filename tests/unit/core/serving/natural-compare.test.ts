import { describe, expect, it } from 'vitest';
import { LOCAL_DEVICES } from '../../../../src/lib/core/serving/local-devices.ts';
import { naturalCompare } from '../../../../src/lib/core/serving/natural-compare.ts';

describe('naturalCompare', () => {
  it('orders ids as localeCompare with numeric collation does, without ICU', () => {
    const ids = [
      'm4-max-128gb',
      'm4-max-36gb',
      'm3-ultra-512gb',
      'm3-ultra-96gb',
      'm2-max-32gb',
      'm4-pro-24gb',
      'm4-max-48gb',
    ];
    const byIcu = [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect([...ids].sort(naturalCompare)).toEqual(byIcu);
  });
  it('keeps every device of the local catalog in that order', () => {
    const macs = LOCAL_DEVICES.filter((d) => d.id.startsWith('m')).map((d) => d.id);
    const byIcu = [...macs].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(macs.length).toBeGreaterThan(10);
    expect(macs).toEqual(byIcu);
  });
});
