import { describe, expect, it } from 'vitest';
import { defaultComparison, defaultConfig } from '../../../src/lib/core/index.ts';
import { hubLinkQuery, readHubLink, type HubLink } from '../../../src/lib/share/hub-link.ts';
import { decode, encode } from '../../../src/lib/share/url-codec.ts';

const QWEN = 'Qwen/Qwen3-Next-80B-A3B-Instruct';
function read(query: string): HubLink | undefined {
  const warnings: string[] = [];
  const link = readHubLink(new URLSearchParams(query), warnings);
  expect(warnings).toEqual([]);
  return link;
}

describe('hubLinkQuery', () => {
  it('names the model as on the Hub; the Hub only when it is not the public one', () => {
    expect(hubLinkQuery(undefined)).toBe('');
    expect(hubLinkQuery({ model: QWEN })).toBe(`&hf=${QWEN}`);
    expect(hubLinkQuery({ model: 'a/b@refs/pr/3', hubUrl: 'http://127.0.0.1:8080/hub' })).toBe(
      '&hf=a/b@refs/pr/3&hub=http://127.0.0.1:8080/hub',
    );
  });

  it('escapes whatever else a value holds, so that it cannot add parameters', () => {
    expect(hubLinkQuery({ model: 'a/b&m=dbrx#x', hubUrl: 'x&y' })).toBe(
      '&hf=a/b%26m%3Ddbrx%23x&hub=x%26y',
    );
  });
});

describe('readHubLink', () => {
  it.each([
    [`hf=${QWEN}`, { model: QWEN }],
    [
      'hf=a/b@v1.0&hub=https://hf-mirror.com/',
      { model: 'a/b@v1.0', hubUrl: 'https://hf-mirror.com/' },
    ],
    ['m=dbrx', undefined],
  ])('readHubLink(%j) is %o: the values as given (the page checks them)', (query, link) => {
    expect(read(query)).toEqual(link);
  });

  it('a hub= without hf= is left out, with a warning', () => {
    const warnings: string[] = [];
    expect(readHubLink(new URLSearchParams('hub=https://x.org'), warnings)).toBeUndefined();
    expect(warnings).toEqual(['hub: read only with hf; ignored']);
  });
});

describe('the Hub model in a share link', () => {
  const state = (hub?: HubLink) => ({
    config: defaultConfig('mixtral-8x7b'),
    view: { unit: 'GB' as const, theme: 'system' as const },
    compare: defaultComparison(),
    hub,
  });

  it('decode(encode(state)) gives the Hub model back; a state without one encodes as before', () => {
    const hub = { model: 'mistralai/Mixtral-8x7B-v0.1@abc123', hubUrl: 'http://127.0.0.1:9' };
    const query = encode(state(hub));
    expect(query).toBe(`v=1&hf=${hub.model}&hub=http://127.0.0.1:9&m=mixtral-8x7b`);
    const decoded = decode(query);
    expect(decoded.hub).toEqual(hub);
    expect(decoded.warnings).toEqual([]);
    expect(decoded.config).toEqual(state().config);
    expect(decode(encode(state({ model: 'a/b' }))).hub).toEqual({ model: 'a/b' });
    expect(encode(state())).toBe('v=1&m=mixtral-8x7b');
    expect(decode('v=1&m=mixtral-8x7b').hub).toBeUndefined();
  });

  it('hf and hub are parameters of the link (no warning), and the rest of the link applies', () => {
    const decoded = decode('v=1&hf=anything&hub=x&m=dbrx&k=2');
    expect(decoded.hub).toEqual({ model: 'anything', hubUrl: 'x' });
    expect(decoded.config.source).toEqual({ kind: 'preset', id: 'dbrx' });
    expect(decoded.config.arch).toEqual({ topK: 2 });
    expect(decoded.warnings).toEqual([]);
  });
});
