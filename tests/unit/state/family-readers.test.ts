import { describe, expect, it, vi } from 'vitest';

/**
 * family-readers.ts and the core, fresh: no preset but the default, no family reader but Llama
 * 4's and no local device loaded yet (the page's start).
 */
async function fresh() {
  vi.resetModules();
  const state = await import('../../../src/lib/state/family-readers.ts');
  const core = await import('../../../src/lib/core/index.ts');
  const hostKeys = await import('../../../src/lib/share/host-keys.ts');
  return { ...state, core, hostKeys };
}

describe('linkReadersLoading', () => {
  it('is null for a link whose model and device are at hand: the default preset on a data-centre GPU', async () => {
    const { linkReadersLoading } = await fresh();
    expect(
      linkReadersLoading('m=llama4-scout&g=h200&cg=b200&p=llama4-scout,g:h100-sxm'),
    ).toBeNull();
    expect(linkReadersLoading('')).toBeNull();
    expect(linkReadersLoading('m=no-such-preset')).toBeNull(); // the decoder reports it
  });

  it("waits for the presets a link names, its model's and its pins', and not once they loaded", async () => {
    const { linkReadersLoading, core } = await fresh();
    const query = 'm=deepseek-v3&g=h200&p=kimi-k2,g:h100-sxm';
    const waiting = linkReadersLoading(query);
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
    expect(core.presetLoaded(core.findPreset('deepseek-v3')!)).toBe(true);
    expect(core.presetLoaded(core.findPreset('kimi-k2')!)).toBe(true);
    expect(linkReadersLoading(query)).toBeNull();
  });

  it('waits for the local devices when the link names one (g=rtx-4090), and not once they are known', async () => {
    const { linkReadersLoading, core } = await fresh();
    expect(core.findDevice('rtx-4090')).toBeUndefined();
    const waiting = linkReadersLoading('m=gpt-oss-120b&g=rtx-4090');
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
    expect(core.findDevice('rtx-4090')?.name).toBe('NVIDIA GeForce RTX 4090 24GB');
    expect(linkReadersLoading('m=gpt-oss-120b&g=rtx-4090')).toBeNull();
  });

  it.each([
    ['the comparison device', 'cg=m4-max-128gb'],
    ["a pin's device", 'p=deepseek-v3,w:fp8,g:dgx-spark'],
    ['an older id', 'g=m3-ultra'],
  ])('waits for %s too (%s)', async (_, query) => {
    const { linkReadersLoading } = await fresh();
    expect(linkReadersLoading(query)).toBeInstanceOf(Promise);
  });

  it('an id unknown even after the load is not waited for again: the decoder reports it', async () => {
    const { linkReadersLoading } = await fresh();
    await linkReadersLoading('g=no-such-gpu');
    expect(linkReadersLoading('g=no-such-gpu')).toBeNull();
  });

  it("waits for a family's readers and the local devices together", async () => {
    const { linkReadersLoading, core } = await fresh();
    const waiting = linkReadersLoading('m=qwen3-30b-a3b&x.model_type=%22glm4_moe%22&g=rtx-5090');
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
    expect(core.familyReaderLoaded('glm4_moe')).toBe(true);
    expect(core.findDevice('rtx-5090')).toBeDefined();
  });

  it('waits for the local model when the link has system RAM (ram=64), and not once it is at hand', async () => {
    const { linkReadersLoading, core, hostKeys } = await fresh();
    expect(core.localEstimatorLoaded()).toBe(false);
    expect(hostKeys.hostLinkCodec()).toBeNull();
    const waiting = linkReadersLoading('m=gpt-oss-120b&n=1&ram=64&ncmoe=24');
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
    expect(core.localEstimatorLoaded()).toBe(true);
    expect(hostKeys.hostLinkCodec()).not.toBeNull();
    expect(linkReadersLoading('m=gpt-oss-120b&n=1&ram=64&ncmoe=24')).toBeNull();
  });

  it('any host parameter is waited for (pcie=gen5x16); a link without one is not', async () => {
    const { linkReadersLoading } = await fresh();
    expect(linkReadersLoading('m=llama4-scout&g=h100-sxm&n=1')).toBeNull();
    expect(linkReadersLoading('m=llama4-scout&pcie=gen5x16')).toBeInstanceOf(Promise);
  });

  it('waits for the local devices and the local model together (g=rtx-4090&ram=64)', async () => {
    const { linkReadersLoading, core } = await fresh();
    await linkReadersLoading('m=gpt-oss-120b&g=rtx-4090&n=1&ram=64');
    expect(core.findDevice('rtx-4090')).toBeDefined();
    expect(core.localEstimatorLoaded()).toBe(true);
  });
});

describe('whenAllReadersLoaded', () => {
  it('runs once every family can be read and every preset is at hand (for an import)', async () => {
    const { whenAllReadersLoaded, core } = await fresh();
    await new Promise<void>((resolve) => whenAllReadersLoaded(resolve));
    expect(core.presets.every(core.presetLoaded)).toBe(true);
    expect(Object.keys(core.SUPPORTED_MODEL_TYPES).every(core.familyReaderLoaded)).toBe(true);
    let ranAtOnce = false;
    whenAllReadersLoaded(() => (ranAtOnce = true));
    expect(ranAtOnce).toBe(true);
  });
});
