import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as hfConfig from '../../../src/lib/core/model/hf-config.ts';
import { ExplorerState } from '../../../src/lib/state/explorer.svelte.ts';
import {
  checkImportSize,
  importConfig,
  importConfigBytes,
  MAX_IMPORT_BYTES,
} from '../../../src/lib/state/import-config.ts';
import { shareQuery } from '../../../src/lib/state/share.ts';
import { decode } from '../../../src/lib/share/url-codec.ts';

// Counts the model reads (parseHFConfig) of every module: the core's nearestPreset and
// resolveExplorer call it through this module too.
vi.mock('../../../src/lib/core/model/hf-config.ts', async (importOriginal) => {
  const original = await importOriginal<typeof hfConfig>();
  return { ...original, parseHFConfig: vi.fn(original.parseHFConfig) };
});
const parses = vi.mocked(hfConfig.parseHFConfig);

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'models', name), 'utf8');
const SCOUT_TOTAL = 108_641_793_536;
// Mixtral 8x7B: 46,702,792,704 parameters (tests/fixtures/expected-params.json).
const MIXTRAL_TOTAL = 46_702_792_704;

/** UTF-16 bytes of a text, with a byte order mark. */
function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + 2 * i, text.charCodeAt(i), littleEndian);
  return bytes;
}

describe('importConfig', () => {
  it('shows the config, named after _name_or_path, and a link reopens the same model', () => {
    const e = new ExplorerState();
    expect(importConfig(e, fixture('mixtral-8x7b.json'), 'mixtral.json')).toBe(true);
    expect(e.importError).toBeNull();
    expect(e.result.count.total).toBe(MIXTRAL_TOTAL);
    const reopened = decode(shareQuery(e));
    expect(reopened.warnings).toEqual([]);
    expect(reopened.config.source).toEqual(e.config.source);
  });

  it('finding 6: an import parses the config once for the model and once for its link form, and no link after it parses it again', () => {
    const e = new ExplorerState();
    const text = fixture('mixtral-8x7b.json');
    parses.mockClear();
    expect(importConfig(e, text)).toBe(true);
    // nearestPreset: one read (the fields it uses) and one to compare; then the model shown.
    // Before: parseHFConfig, canonicalImport (two nearestPreset rounds), resolveExplorer, and
    // two more on every rewrite of the address bar: 7 and more.
    expect(parses.mock.calls.length).toBeLessThanOrEqual(3);
    expect(parses.mock.calls.length).toBeGreaterThan(0);
    parses.mockClear();
    for (let i = 0; i < 5; i++) shareQuery(e);
    e.setDeployment('batch', 8);
    shareQuery(e);
    expect(parses).not.toHaveBeenCalled();
  });

  it('finding 10: a leading byte order mark in pasted text is ignored, as in a file', () => {
    const e = new ExplorerState();
    expect(importConfig(e, `\ufeff${fixture('mixtral-8x7b.json')}`)).toBe(true);
    expect(e.result.count.total).toBe(MIXTRAL_TOTAL);
  });

  it.each([
    ['not JSON', '{"model_type": "mixtral",}', /^config\.json: invalid JSON at line 1/],
    ['nested 100,000 deep', '['.repeat(100_000), /^config\.json: .*nested deeper than/],
    ['not an object', '42', /^config\.json: config: expected a JSON object/],
    [
      'an unknown model type',
      '{"model_type":"gpt5"}',
      /^config\.json: model_type: expected a supported/,
    ],
    [
      'a billion experts',
      JSON.stringify({
        ...JSON.parse(fixture('mixtral-8x7b.json')),
        num_local_experts: 1e9,
        num_hidden_layers: 1,
      }),
      /^config\.json: num_local_experts: expected at most .*, got 1000000000/,
    ],
    [
      'a vocabulary of 10^15',
      JSON.stringify({ ...JSON.parse(fixture('mixtral-8x7b.json')), vocab_size: 1e15 }),
      /^config\.json: vocab_size: expected at most/,
    ],
  ])(
    'finding 6: pasting %s never throws; the import box says why and the model stays',
    (_, text, message) => {
      const e = new ExplorerState();
      const started = process.cpuUsage();
      expect(importConfig(e, text)).toBe(false);
      const { user, system } = process.cpuUsage(started);
      expect(e.importError).toMatch(message);
      expect(e.result.count.total).toBe(SCOUT_TOTAL);
      expect((user + system) / 1000).toBeLessThan(1000);
    },
  );

  it('a name and a file name with bidirectional controls are shown without them', () => {
    const e = new ExplorerState();
    const config = {
      ...JSON.parse(fixture('mixtral-8x7b.json')),
      _name_or_path: 'acme/\u202egnp.exe',
    };
    expect(importConfig(e, JSON.stringify(config))).toBe(true);
    expect(e.modelLabel).toBe('gnp.exe');
    expect(importConfig(e, '{', '\u202enosj.json')).toBe(false);
    expect(e.importError).toMatch(/^nosj\.json: /);
  });
});

describe('importConfigBytes', () => {
  const text = fixture('mixtral-8x7b.json');

  it.each([
    ['UTF-8', new TextEncoder().encode(text)],
    ['UTF-8 with a byte order mark', new TextEncoder().encode(`\ufeff${text}`)],
    ['UTF-16 LE with a byte order mark', utf16(text, true)],
    ['UTF-16 BE with a byte order mark', utf16(text, false)],
  ])('finding 10: reads %s as pasted text is read', (_, bytes) => {
    const e = new ExplorerState();
    expect(importConfigBytes(e, bytes, 'config.json')).toBe(true);
    expect(e.result.count.total).toBe(MIXTRAL_TOTAL);
  });

  it('finding 6: a file too big to be a config.json is refused before reading, and says so', () => {
    const e = new ExplorerState();
    expect(checkImportSize(e, 50 * 2 ** 20, 'big.json')).toBe(false);
    expect(e.importError).toMatch(
      /^big\.json: expected a config\.json of at most .* bytes, got 52,428,800; not read$/,
    );
    expect(checkImportSize(e, MAX_IMPORT_BYTES, 'ok.json')).toBe(true);
  });

  it('bytes that are not text say so, and never throw', () => {
    const e = new ExplorerState();
    expect(importConfigBytes(e, new Uint8Array([0xff, 0xfe, 0x00]), 'odd.json')).toBe(false);
    expect(e.importError).toMatch(/^odd\.json: /);
  });
});
