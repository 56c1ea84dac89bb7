import { describe, expect, it } from 'vitest';
import { findPreset } from '../../../src/lib/core/index.ts';
import { ExplorerState } from '../../../src/lib/state/explorer.svelte.ts';
import { importConfig } from '../../../src/lib/state/import-config.ts';

// Llama 4 Scout: 108,641,793,536 total, 17,172,894,720 active (tests/fixtures/expected-params.json).
describe('ExplorerState', () => {
  it('opens on Llama 4 Scout with its exact counts', () => {
    const e = new ExplorerState();
    expect(e.result.count.total).toBe(108_641_793_536);
    expect(e.result.count.active).toBe(17_172_894_720);
  });

  it('a rejected value leaves the configuration and its result as they were, and names the problem', () => {
    const e = new ExplorerState();
    const before = e.result;
    expect(e.setArch('topK', 17)).toBe(false); // Scout has 16 routed experts
    expect(e.result).toBe(before);
    expect(e.errors.topK).toMatch(/at most the number of routed experts \(16\)/);
    expect(e.setArch('topK', 2)).toBe(true);
    expect(e.errors.topK).toBeUndefined();
    // One more routed expert of 3 x 5120 x 8192 parameters in each of the 48 MoE layers.
    expect(e.result.count.active).toBe(17_172_894_720 + 48 * 125_829_120);
  });

  it('choosing a model without MTP modules turns MTP speculative decoding off; one with them keeps it', () => {
    const e = new ExplorerState();
    e.selectPreset('deepseek-v3');
    const mtp = { method: 'mtp' as const, draftTokens: 2, acceptance: 0.8 };
    expect(e.setDeployment('speculative', mtp)).toBe(true);
    expect(e.result.serving?.speculative?.draftTokens).toBe(2);
    e.selectPreset('kimi-k2'); // DeepSeek-V3's shape, but num_nextn_predict_layers 0
    expect(e.config.deployment.speculative).toBeNull();
    e.setDeployment('speculative', mtp); // refused: no MTP modules
    expect(e.errors.speculative).toMatch(/multi-token-prediction/);
    e.selectPreset('deepseek-v3');
    expect(e.setDeployment('speculative', mtp)).toBe(true);
    e.selectPreset('deepseek-v3'); // the same model again keeps it
    expect(e.config.deployment.speculative).toEqual(mtp);
    e.selectPreset('llama4-scout'); // no MTP modules
    expect(e.config.deployment.speculative).toBeNull();
    expect(e.result.servingError).toBeNull();
  });

  it('an edit reuses the parsed model: the base spec is the same object', () => {
    const e = new ExplorerState();
    const base = e.result.base;
    e.setArch('layers', 40);
    expect(e.result.base).toBe(base);
    expect(e.modelLabel).toBe('custom, based on Llama 4 Scout');
  });

  it('an invalid layout is refused with the layout error, the deployment unchanged', () => {
    const e = new ExplorerState();
    expect(e.setDeployment('tp', 3)).toBe(false);
    expect(e.errors.tp).toBe('tp: expected a divisor of the 8 devices per pipeline stage, got 3');
    expect(e.config.deployment.tp).toBeNull();
  });

  it('importConfig of bad JSON keeps the model and says where', () => {
    const e = new ExplorerState();
    expect(importConfig(e, '{"model_type": "mixtral",}', 'bad.json')).toBe(false);
    expect(e.importError).toMatch(/^bad\.json: invalid JSON at line 1/);
    expect(e.result.count.total).toBe(108_641_793_536);
  });

  it('finding 1: open of a config the model refuses keeps the last good state and says why', () => {
    const e = new ExplorerState();
    const before = e.result;
    const json = { ...findPreset('deepseek-v3')!.config, first_k_dense_replace: 1000 };
    const error = e.open({ ...e.config, source: { kind: 'config', name: 'x', json } });
    expect(error).toMatch(/first_k_dense_replace: expected at most .*61.*, got 1000/);
    expect(e.result).toBe(before);
    expect(e.load({ ...e.config, source: { kind: 'config', name: 'x', json } })).toBe(false);
  });

  it('showImport of a config the model refuses sets importError, named after the file', () => {
    const e = new ExplorerState();
    const json = { ...findPreset('mixtral-8x7b')!.config, vocab_size: 1e15 };
    const ok = e.showImport(
      { ...e.config, source: { kind: 'config', name: 'x', json } },
      'big.json',
    );
    expect(ok).toBe(false);
    expect(e.importError).toMatch(/^big\.json: vocab_size: expected at most/);
    expect(e.result.count.total).toBe(108_641_793_536);
  });

  it('pinCurrent keeps at most three pins, dropping the oldest', () => {
    const e = new ExplorerState();
    const first = e.pins[0]!.id;
    e.pinCurrent();
    expect(e.pins).toHaveLength(3);
    expect(e.pins.some((p) => p.id === first)).toBe(false);
    expect(e.pins.at(-1)!.config).toEqual(e.config);
    expect(e.pins.at(-1)!.config).not.toBe(e.config); // a copy: later edits do not move the pin
  });

  it('loadComparison shows the pins and settings of a link; comparison gives them back', () => {
    const e = new ExplorerState();
    const dbrx = { ...e.config, source: { kind: 'preset' as const, id: 'dbrx' } };
    const settings = { same: false, deviceId: 'mi300x', devices: 4, weights: 'int4' as const };
    e.loadComparison({ pins: [e.config, dbrx, e.config, dbrx], settings });
    expect(e.pins.map((p) => p.config.source)).toEqual([
      { kind: 'preset', id: 'dbrx' },
      { kind: 'preset', id: 'llama4-scout' },
      { kind: 'preset', id: 'dbrx' },
    ]);
    expect(new Set(e.pins.map((p) => p.id)).size).toBe(3);
    expect(e.comparison).toEqual({ pins: e.pins.map((p) => p.config), settings });
    e.setCompareSettings({ same: true });
    expect(e.compareSettings).toEqual({ ...settings, same: true });
  });
});
