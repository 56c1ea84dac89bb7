import { describe, expect, it, vi } from 'vitest';

/** host-keys.ts fresh: no host codec registered yet (the page's start). */
async function fresh() {
  vi.resetModules();
  return import('../../../src/lib/share/host-keys.ts');
}

describe('host-keys', () => {
  it('HOST_KEYS are the seven system-RAM parameters, each once', async () => {
    const { HOST_KEYS } = await fresh();
    expect([...HOST_KEYS]).toEqual(['ram', 'rbw', 'pcie', 'cmoe', 'ncmoe', 'ngl', 'gshare']);
  });

  it.each([
    ['ram=64', true],
    ['m=gpt-oss-120b&ncmoe=24', true],
    ['pcie=gen5x16', true],
    ['m=gpt-oss-120b&g=m4-max-128gb&gshare=0.9', true],
    ['m=gpt-oss-120b&g=rtx-4090&n=1', false],
    ['', false],
  ])('hasHost(%j) is %s', async (query, expected) => {
    const { hasHost } = await fresh();
    expect(hasHost(new URLSearchParams(query))).toBe(expected);
  });

  it('hostLinkCodec() is null until addHostLink registers the codec, then that codec', async () => {
    const { addHostLink, hostLinkCodec } = await fresh();
    expect(hostLinkCodec()).toBeNull();
    const codec = { encodeHost: () => {}, readHost: () => {} };
    addHostLink(codec);
    expect(hostLinkCodec()).toBe(codec);
  });
});
