import { describe, expect, it } from 'vitest';
import { DEFAULT_HUB_URL, readHubUrl } from '../../../src/lib/hub/hub-url.ts';

describe('readHubUrl', () => {
  it.each([
    [DEFAULT_HUB_URL, 'https://huggingface.co'],
    [' https://hf-mirror.com/ ', 'https://hf-mirror.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['https://example.org/hub//', 'https://example.org/hub'],
  ])('readHubUrl(%j) is %j', (text, url) => {
    expect(readHubUrl(text)).toBe(url);
  });

  it.each([
    '',
    'huggingface.co',
    'ftp://example.org',
    'javascript:alert(1)',
    'https://user:secret@example.org',
    'https://example.org/?token=1',
    'https://example.org/#x',
  ])(
    'readHubUrl(%j) is null: an http(s) address without credentials, query or fragment',
    (text) => {
      expect(readHubUrl(text)).toBeNull();
    },
  );
});
