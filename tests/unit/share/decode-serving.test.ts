import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPARE, DEFAULT_DEPLOYMENT } from '../../../src/lib/core/index.ts';
import { readComparison, readDeployment } from '../../../src/lib/share/decode-serving.ts';
import { LinkReader, readConfig } from '../../../src/lib/share/decode-v1.ts';

/** A link's reader, and the warnings it collects. */
function reader(query: string) {
  const warnings: string[] = [];
  return { r: new LinkReader(new URLSearchParams(query), warnings), warnings };
}

describe('readDeployment', () => {
  it("readDeployment('g=h200&n=16&ep=16&w=fp8&kd=fp8&kl=full&ctx=8192&b=4') is the default with those values", () => {
    const { r, warnings } = reader('g=h200&n=16&ep=16&w=fp8&kd=fp8&kl=full&ctx=8192&b=4');
    expect(readDeployment(r)).toEqual({
      ...DEFAULT_DEPLOYMENT,
      deviceId: 'h200',
      devices: 16,
      ep: 16,
      weights: 'fp8',
      kvDtype: 'fp8',
      kvLayout: 'full',
      contextTokens: 8192,
      batch: 4,
    });
    expect(warnings).toEqual([]);
  });

  it('readDeployment leaves out an unknown device, format or KV type, naming each and the choices', () => {
    const { r, warnings } = reader('g=abacus&w=fp3&kl=half');
    expect(readDeployment(r)).toEqual(DEFAULT_DEPLOYMENT);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^g: expected one of h100-sxm, .*, got "abacus"; ignored$/);
    expect(warnings[2]).toBe('kl: expected one of hybrid, full, got "half"; ignored');
  });
});

describe('readComparison', () => {
  it("readComparison('cs=0&cg=h200&cn=4&cw=bf16&p=dbrx,k:2') reads the settings and the pin", () => {
    const { r, warnings } = reader('cs=0&cg=h200&cn=4&cw=bf16&p=dbrx,k:2');
    const { settings, pins } = readComparison(r, readConfig);
    expect(settings).toEqual({ same: false, deviceId: 'h200', devices: 4, weights: 'bf16' });
    expect(pins.map((pin) => [pin.source, pin.arch])).toEqual([
      [{ kind: 'preset', id: 'dbrx' }, { topK: 2 }],
    ]);
    expect(warnings).toEqual([]);
  });

  it('readComparison without its parameters is the default comparison', () => {
    const { settings, pins } = readComparison(reader('').r, readConfig);
    expect(settings).toEqual(DEFAULT_COMPARE);
    expect(pins.length).toBeGreaterThan(0);
  });
});
