import { describe, expect, it } from 'vitest';
import { formatModelId, readModelId } from '../../../src/lib/hub/link-id.ts';

describe('readModelId', () => {
  it.each([
    ['openai/gpt-oss-20b', { repo: 'openai/gpt-oss-20b', revision: 'main' }],
    ['a/b@refs/pr/3', { repo: 'a/b', revision: 'refs/pr/3' }],
    ['a/b@main', { repo: 'a/b', revision: 'main' }],
  ])('readModelId(%j), the form a link carries, is %o', (text, model) => {
    expect(readModelId(text)).toEqual(model);
    expect(readModelId(formatModelId(model))).toEqual(model);
  });

  it.each([
    ' a/b',
    'a/b@',
    'a/b@x@y',
    'a/b@../x',
    'https://huggingface.co/a/b',
    'a',
    '<script>/x',
    `a/${'x'.repeat(97)}`,
  ])('readModelId(%j) is null: a link carries only org/name[@revision]', (text) => {
    expect(readModelId(text)).toBeNull();
  });

  it('formatModelId leaves main out', () => {
    expect(formatModelId({ repo: 'a/b', revision: 'main' })).toBe('a/b');
    expect(formatModelId({ repo: 'a/b', revision: 'v2' })).toBe('a/b@v2');
  });
});
