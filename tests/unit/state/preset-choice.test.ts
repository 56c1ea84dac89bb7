import { describe, expect, it, vi } from 'vitest';

/** The state modules and the core, fresh: only the default preset at hand (the page's start). */
async function fresh() {
  vi.resetModules();
  const core = await import('../../../src/lib/core/index.ts');
  core.addServingModel(core.SERVING_MODEL); // as the page does when it opens its link
  const { ExplorerState } = await import('../../../src/lib/state/explorer.svelte.ts');
  const { PresetChoice } = await import('../../../src/lib/state/preset-choice.svelte.ts');
  const explorer = new ExplorerState();
  return { core, explorer, choice: new PresetChoice(explorer) };
}

const source = (explorer: { config: { source: unknown } }) => explorer.config.source;

describe('PresetChoice', () => {
  it('shows a preset once its config and reader have loaded', async () => {
    const { core, explorer, choice } = await fresh();
    const shown = choice.choose('deepseek-v3');
    expect(choice.loading).toBe('deepseek-v3');
    expect(choice.loadingName).toBe('DeepSeek-V3');
    expect(source(explorer)).toEqual({ kind: 'preset', id: 'llama4-scout' }); // not yet
    expect(await shown).toBe(true);
    expect(choice.loading).toBeNull();
    expect(source(explorer)).toEqual({ kind: 'preset', id: 'deepseek-v3' });
    // DeepSeek-V3: 671,026,419,200 without MTP (tests/fixtures/expected-params.json).
    expect(explorer.result.count.total).toBe(671_026_419_200);
    expect(core.presetLoaded(core.findPreset('deepseek-v3')!)).toBe(true);
  });

  it('training settings still at a published run follow the model; changed ones stay', async () => {
    const { core, explorer, choice } = await fresh();
    await choice.choose('deepseek-v3');
    // The DeepSeek-V3 report, section 3.2: 2,048 H800s, pp 16, ep 64 (training-runs.json).
    expect(explorer.training).toMatchObject({ deviceId: 'h800', gpus: 2048, pp: 16, ep: 64 });
    await choice.choose('mixtral-8x7b'); // no published run: back to the default
    expect(explorer.training).toEqual(core.DEFAULT_TRAINING);
    explorer.training = { ...explorer.training, gpus: 4096 };
    await choice.choose('deepseek-v3');
    expect(explorer.training.gpus).toBe(4096);
    expect(explorer.training.deviceId).toBe('h100-sxm');
  });

  it('the last choice wins when an earlier one is still loading', async () => {
    const { explorer, choice } = await fresh();
    const first = choice.choose('mixtral-8x7b');
    const second = choice.choose('dbrx');
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    expect(source(explorer)).toEqual({ kind: 'preset', id: 'dbrx' });
  });

  it('a preset at hand is shown at once; an unknown id changes nothing', async () => {
    const { explorer, choice } = await fresh();
    expect(await choice.choose('no-such-model')).toBe(false);
    expect(source(explorer)).toEqual({ kind: 'preset', id: 'llama4-scout' });
    choice.prefetch();
    await choice.choose('kimi-k2');
    const shown = choice.choose('llama4-scout');
    expect(choice.loading).toBeNull(); // no wait
    expect(await shown).toBe(true);
  });
});
