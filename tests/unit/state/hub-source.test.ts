import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/lib/core/index.ts';
import { ExplorerState } from '../../../src/lib/state/explorer.svelte.ts';
import { hubLinkOf, rememberHubLink } from '../../../src/lib/state/hub-source.ts';

describe('hubLinkOf', () => {
  it('lasts while the model is edited, and is gone once another model is chosen', () => {
    const explorer = new ExplorerState(defaultConfig('mixtral-8x7b'));
    const link = { model: 'mistralai/Mixtral-8x7B-v0.1', hubUrl: 'https://huggingface.co' };
    expect(hubLinkOf(explorer.config.source)).toBeUndefined();
    rememberHubLink(explorer.config.source, link);
    explorer.setArch('topK', 3);
    explorer.setDeployment('batch', 4);
    expect(hubLinkOf(explorer.config.source)).toBe(link);
    explorer.selectPreset('mixtral-8x7b');
    expect(hubLinkOf(explorer.config.source)).toBeUndefined();
  });
});
