/** The CLI's Hub address and its watchdog (hub-fetch.ts). */
import { describe, expect, it } from 'vitest';
import { fromHub, HubTimeout, hubUrlOf, seconds } from '../../../src/cli/hub-fetch.ts';

describe('hubUrlOf', () => {
  it('takes --hub-url, else HF_ENDPOINT when not empty, else huggingface.co; drops trailing slashes', () => {
    expect(hubUrlOf('http://127.0.0.1:8080/', 'https://m')).toBe('http://127.0.0.1:8080');
    expect(hubUrlOf(undefined, 'https://mirror.example/hf/')).toBe('https://mirror.example/hf');
    expect(hubUrlOf(undefined, ' ')).toBe('https://huggingface.co');
    expect(hubUrlOf(undefined, undefined)).toBe('https://huggingface.co');
  });

  it('refuses credentials, a query or a fragment', () => {
    for (const url of ['https://u:p@hub.example', 'https://hub.example/?a=1', 'https://h/#x'])
      expect(() => hubUrlOf(url, undefined)).toThrow('--hub-url: expected an http or https URL');
  });
});

describe('fromHub', () => {
  it('aborts a request the Hub leaves silent with a HubTimeout, after the given time', async () => {
    const silent: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
      );
    const deps = { fetch: silent, timeoutMs: 20 };
    const error = await fromHub(deps, (o) => o.fetch('http://127.0.0.1:1/x', { signal: o.signal })).catch((e: unknown) => e); // prettier-ignore
    expect(error).toBeInstanceOf(HubTimeout);
    expect(seconds(deps)).toBe(0.02);
  });

  it('passes an answer through, and every request re-arms the watchdog', async () => {
    let calls = 0;
    const slowEach: typeof fetch = () =>
      new Promise((resolve) => setTimeout(() => resolve(new Response(String(++calls))), 15));
    // three requests of 15 ms each: 45 ms in all, more than the 30 ms watchdog, none alone
    const text = await fromHub({ fetch: slowEach, timeoutMs: 30 }, async (o) => {
      let last = '';
      for (let i = 0; i < 3; i++) last = await (await o.fetch('http://h/x')).text();
      return last;
    });
    expect(text).toBe('3');
  });
});
