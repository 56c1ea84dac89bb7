import { describe, expect, it } from 'vitest';
import { ControlsState } from '../../../src/lib/state/controls.svelte.ts';
import { ExplorerState } from '../../../src/lib/state/explorer.svelte.ts';

describe('ControlsState', () => {
  it('Llama 4 Scout on 8 x H100: tensor parallel, nodes of 8 (HGX: 8 GPUs on NVLink)', () => {
    const c = new ControlsState(new ExplorerState());
    expect(c.layoutChoice).toBe('tp');
    expect(c.nodeSize).toBe(8);
  });

  it('setLayout("pp") on 16 GPUs makes a pipeline of two 8-GPU nodes (TP 8, PP 2)', () => {
    const e = new ControlsState(new ExplorerState());
    expect(e.setDeviceCount(16)).toBe(true);
    expect(e.setLayout('pp')).toBe(true);
    expect(e.explorer.config.deployment).toMatchObject({ devices: 16, tp: 8, ep: 1, pp: 2 });
    expect(e.layoutChoice).toBe('pp');
  });
  it('setDeviceCount keeps expert parallelism over all devices', () => {
    const e = new ControlsState(new ExplorerState());
    e.setLayout('ep');
    e.setDeviceCount(16);
    expect(e.explorer.config.deployment).toMatchObject({ devices: 16, tp: 1, ep: 16, pp: 1 });
  });
  it('setEngine("llamacpp") on 8 GPUs in tensor parallel takes its layer split (PP 8); the others keep the layout', () => {
    const e = new ControlsState(new ExplorerState());
    expect(e.setEngine('sglang')).toBe(true);
    expect(e.layoutChoice).toBe('tp');
    expect(e.setEngine('llamacpp')).toBe(true);
    expect(e.explorer.config.deployment).toMatchObject({ engine: 'llamacpp', tp: 1, ep: 1, pp: 8 });
    expect(e.layoutChoice).toBe('layers');
    expect(e.layoutHint).toBe('');
    // A layout the reader chose stays: expert parallel is not llama.cpp's, but it is theirs.
    e.setEngine('vllm');
    e.setLayout('ep');
    e.setEngine('llamacpp');
    expect(e.layoutChoice).toBe('ep');
    expect(e.layoutHint).toMatch(/no expert parallelism/);
  });
  it('setAttentionKind("mqa") sets one KV head; "mha" as many as query heads (40)', () => {
    const e = new ControlsState(new ExplorerState());
    e.setAttentionKind('mqa');
    expect(e.explorer.arch.kvHeads).toBe(1);
    expect(e.attentionKind).toBe('mqa');
    e.setAttentionKind('mha');
    expect(e.explorer.arch.kvHeads).toBe(40);
  });
});
