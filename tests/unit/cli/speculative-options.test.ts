import { describe, expect, it } from 'vitest';
import { speculativeOptions } from '../../../src/cli/speculative-options.ts';
import { findPreset, presetSpec } from '../../../src/lib/core/index.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';

const opts = (entries: [string, string][]) => new Map(entries);

describe('speculativeOptions', () => {
  it('is null without --spec-decode', () => {
    expect(speculativeOptions(opts([]))).toBeNull();
  });

  it("--spec-decode mtp takes DeepSeek-V3's defaults: one draft token at 85% acceptance", () => {
    expect(speculativeOptions(opts([['spec-decode', 'MTP']]))).toEqual({
      method: 'mtp',
      draftTokens: 1,
      acceptance: 0.85,
    });
  });

  it('--spec-decode draft loads the draft model', () => {
    const s = speculativeOptions(
      opts([
        ['spec-decode', 'draft'],
        ['draft-model', 'llama3.1-8b'],
        ['draft-tokens', '3'],
        ['acceptance', '0.7'],
      ]),
    )!;
    expect(s).toMatchObject({ method: 'draft', draftTokens: 3, acceptance: 0.7 });
    expect(s.draftModel!.spec.layers).toBe(32);
  });

  it('--draft-model read from the Hub (hub-model.ts) is taken as given, not read again', () => {
    const draft = presetSpec(findPreset('qwen3-30b-a3b')!);
    const options = new Map([
      ['spec-decode', 'draft'],
      ['draft-model', 'Qwen/Qwen3-30B-A3B'],
    ]);
    expect(speculativeOptions(options, draft)!.draftModel!.spec).toBe(draft);
  });

  it('refuses what does not go together, saying what is expected', () => {
    const bad = (entries: [string, string][]) => () => speculativeOptions(opts(entries));
    expect(bad([['draft-tokens', '2']])).toThrow(/--draft-tokens needs --spec-decode/);
    expect(bad([['spec-decode', 'eagle']])).toThrow(/--spec-decode: expected one of mtp, draft/);
    expect(bad([['spec-decode', 'draft']])).toThrow(/needs --draft-model/);
    expect(
      bad([
        ['spec-decode', 'mtp'],
        ['draft-model', 'llama3.1-8b'],
      ]),
    ).toThrow(UsageError);
    expect(
      bad([
        ['spec-decode', 'mtp'],
        ['draft-tokens', '17'],
      ]),
    ).toThrow(/--draft-tokens/);
  });
});
