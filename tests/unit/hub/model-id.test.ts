import { describe, expect, it } from 'vitest';
import { formatModelId, ModelIdError, parseModelId } from '../../../src/lib/hub/model-id.ts';

describe('parseModelId', () => {
  it.each([
    ['Qwen/Qwen3-Next-80B-A3B-Instruct', 'Qwen/Qwen3-Next-80B-A3B-Instruct', 'main'],
    ['  openai/gpt-oss-20b  ', 'openai/gpt-oss-20b', 'main'],
    ['openai/gpt-oss-20b@v1.0', 'openai/gpt-oss-20b', 'v1.0'],
    ['meta-llama/Llama-4-Scout-17B-16E@refs/pr/3', 'meta-llama/Llama-4-Scout-17B-16E', 'refs/pr/3'],
    ['https://huggingface.co/deepseek-ai/DeepSeek-V3', 'deepseek-ai/DeepSeek-V3', 'main'],
    ['https://huggingface.co/deepseek-ai/DeepSeek-V3/tree/v2', 'deepseek-ai/DeepSeek-V3', 'v2'],
    ['huggingface.co/zai-org/GLM-4.5/blob/abc123/config.json', 'zai-org/GLM-4.5', 'abc123'],
    ['https://hf.co/moonshotai/Kimi-K2-Instruct?x=1#top', 'moonshotai/Kimi-K2-Instruct', 'main'],
  ])('%j is %s at %s', (text, repo, revision) => {
    expect(parseModelId(text)).toEqual({ repo, revision });
  });

  it.each([
    'gpt-oss-20b',
    'a/b/c',
    'org/na--me',
    'org/../x',
    '<img src=x>/y',
    'org/name@',
    'org/name@../../x',
    'https://example.com/org/name',
    `org/${'x'.repeat(97)}`,
  ])('%j is refused with what is expected', (text) => {
    expect(() => parseModelId(text)).toThrow(ModelIdError);
  });

  it('formats back to the short form, main left out', () => {
    expect(formatModelId({ repo: 'a/b', revision: 'main' })).toBe('a/b');
    expect(formatModelId({ repo: 'a/b', revision: 'v2' })).toBe('a/b@v2');
  });
});
