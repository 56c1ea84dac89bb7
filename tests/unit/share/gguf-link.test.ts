import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST_SETTINGS, defaultConfig } from '../../../src/lib/core/index.ts';
import { parseGgufFile } from '../../../src/lib/hub/gguf-file.ts';
import { ggufLinkValue, readGgufLink } from '../../../src/lib/share/gguf-link.ts';
import { decode, encode } from '../../../src/lib/share/url-codec.ts';
import { DEFAULT_VIEW } from '../../../src/lib/share/link-format.ts';

describe('gguf= in the share link', () => {
  it.each([
    [
      'unsloth/gpt-oss-20b-GGUF/gpt-oss-20b-Q4_K_M.gguf',
      'unsloth/gpt-oss-20b-GGUF/gpt-oss-20b-Q4_K_M.gguf',
    ],
    ['o/m@v2/q/m-00001-of-00002.gguf', 'o/m@v2/q/m-00001-of-00002.gguf'],
    [
      'https://huggingface.co/o/m/blob/refs%2Fpr%2F1/m.gguf',
      'https://huggingface.co/o/m/resolve/refs%2Fpr%2F1/m.gguf',
    ],
    [
      'http://127.0.0.1:8080/o/m/resolve/main/m.gguf',
      'http://127.0.0.1:8080/o/m/resolve/main/m.gguf',
    ],
  ])('%s is written %s, and reads back as the same file', (text, value) => {
    const file = parseGgufFile(text);
    expect(ggufLinkValue(file)).toBe(value);
    expect(readGgufLink(value)).toEqual({ file });
  });

  it('a bad value is a notice line saying what was expected', () => {
    expect(readGgufLink('m.gguf')).toEqual({
      warning:
        'gguf: expected a .gguf file on the Hub: org/name/<file>.gguf (with its folders), org/name@revision/<file>.gguf, or the file\'s address, got "m.gguf"; ignored',
    });
    expect(readGgufLink('o/m/x.bin')).toEqual({
      warning: 'gguf: expected a file whose name ends in .gguf, got "o/m/x.bin"; ignored',
    });
  });

  it("encode writes a deployment's Hub file beside its host, readable; never a dropped file or without a host", () => {
    const config = defaultConfig('gpt-oss-20b');
    const hub = 'http://127.0.0.1:8080/o/m/resolve/main/m a+b.gguf';
    const with_ = (host: typeof DEFAULT_HOST_SETTINGS | null, gguf: object) => ({
      config: {
        ...config,
        deployment: { ...config.deployment, devices: 1, host, gguf: gguf as never },
      },
      view: DEFAULT_VIEW,
    });
    const link = encode(with_(null, { name: 'm.gguf', hub, header: null }));
    expect(link).not.toContain('gguf=');
    expect(encode(with_(DEFAULT_HOST_SETTINGS, { name: 'm.gguf', header: null }))).not.toContain(
      'gguf=',
    );
    const query = encode(with_(DEFAULT_HOST_SETTINGS, { name: 'm.gguf', hub, header: null }));
    expect(query).toContain('&gguf=http://127.0.0.1:8080/o/m/resolve/main/m%20a%2Bb.gguf');
    expect(new URLSearchParams(query).get('gguf')).toBe(hub);
    // A known parameter: the decoder leaves it to the page (state/gguf-import.svelte.ts).
    expect(decode(query).warnings.filter((w) => w.includes('gguf'))).toEqual([]);
  });
});
