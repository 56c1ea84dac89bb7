import { describe, expect, it } from 'vitest';
import {
  formatEngineMemoryNote,
  formatNodesNote,
  parseRanged,
} from '../../../../src/lib/core/explorer/engine-notes.ts';
import { ENGINE_RANGES } from '../../../../src/lib/core/explorer/engine-ranges.ts';

describe('engine notes', () => {
  it("names each engine's memory fraction as the engine names it", () => {
    expect(formatEngineMemoryNote('vllm', { utilization: 0.9 })).toBe(
      'vLLM gpu_memory_utilization 0.9 of the device',
    );
    expect(formatEngineMemoryNote('sglang', { utilization: 0.897 })).toMatch(
      /^SGLang mem_fraction_static 0\.897 \(by device\)/,
    );
    expect(formatEngineMemoryNote('trtllm', { utilization: 0.9 })).toMatch(
      /free_gpu_memory_fraction 0\.9/,
    );
    expect(formatEngineMemoryNote('llamacpp', { utilization: 1 })).toMatch(/whole device/);
  });

  it('says the nodes only where the devices span more than one', () => {
    expect(formatNodesNote(2, 8)).toBe('2 nodes of 8');
    expect(formatNodesNote(1, 8)).toBeNull();
  });

  it('reads a ranged value, or names the field, the value and the range', () => {
    expect(parseRanged(' 3 ', ENGINE_RANGES.draftTokens)).toEqual({ value: 3 });
    expect(parseRanged('17', ENGINE_RANGES.draftTokens).error).toMatch(
      /expected a whole number from 1 to 16, got "17"/,
    );
    expect(parseRanged('1.5', ENGINE_RANGES.draftTokens).error).toMatch(/whole number/);
    expect(parseRanged('abc', ENGINE_RANGES.draftTokens).error).toMatch(/got "abc"/);
  });
});
