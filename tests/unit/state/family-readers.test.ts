import { describe, expect, it, vi } from 'vitest';

/** family-readers.ts and the core, fresh: no family reader or local device loaded yet (the page's start). */
async function fresh() {
  vi.resetModules();
  const state = await import('../../../src/lib/state/family-readers.ts');
  const core = await import('../../../src/lib/core/index.ts');
  return { ...state, core };
}

describe('linkReadersLoading', () => {
  it('is null for a link whose model and device are at hand: a preset on a data-centre GPU', async () => {
    const { linkReadersLoading } = await fresh();
    expect(linkReadersLoading('m=deepseek-v3&g=h200&cg=b200&p=kimi-k2,g:h100-sxm')).toBeNull();
    expect(linkReadersLoading('')).toBeNull();
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
});
