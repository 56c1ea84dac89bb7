import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, parseConfigBytes, parseConfigText } from '../../../src/cli/load-model.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';
import { countParams } from '../../../src/lib/core/index.ts';
import { usageError } from '../helpers/cli.ts';
import { expectedParams, FIXTURES } from '../helpers/fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'moe-cli-'));

describe('run: model arguments', () => {
  it.each([
    [['params', '/no/such/config.json'], '/no/such/config.json: no such file'],
    [['params', 'not-a-model'], 'not-a-model: not a file and not a preset (presets: llama4-scout'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(usageError(argv)).toContain(message);
  });

  it('reports invalid JSON with line and column, and bad fields by name', () => {
    const badJson = join(tmp, 'bad.json');
    writeFileSync(badJson, '{\n  "model_type": "mixtral",\n  "hidden_size": 4096,,\n}');
    expect(usageError(['params', badJson])).toBe(
      `${badJson}: invalid JSON at line 3, column 23: expected a property name in double quotes, found ','`,
    );
    const negative = join(tmp, 'negative.json');
    writeFileSync(negative, JSON.stringify({ model_type: 'mixtral', hidden_size: -1 }));
    expect(usageError(['params', negative])).toBe(
      `${negative}: hidden_size: expected an integer >= 1, got -1`,
    );
    const unsupported = join(tmp, 'unsupported.json');
    writeFileSync(unsupported, JSON.stringify({ model_type: 'rwkv' }));
    expect(usageError(['params', unsupported])).toContain(
      'model_type: expected a supported model type: llama, mistral',
    );
  });
});

describe('loadModel', () => {
  it('loadModel of a config.json path reads the file (Mixtral 8x7B: 46,702,792,704 parameters)', () => {
    const spec = loadModel(join(FIXTURES, 'models', 'mixtral-8x7b.json'));
    expect(countParams(spec).total).toBe(expectedParams['mixtral-8x7b']!.total);
  });

  it("loadModel of a preset id is the preset's spec, named by the preset", () => {
    expect(loadModel('llama4-scout').name).toBe('Llama 4 Scout');
  });

  it('loadModel of a directory asks for its config.json', () => {
    expect(() => loadModel(tmp)).toThrow(
      `${tmp}: is a directory; give the path of its config.json`,
    );
  });

  it('loadModel of a missing path that looks like a file says there is no such file', () => {
    expect(() => loadModel('missing.json')).toThrow(new UsageError('missing.json: no such file'));
  });
});

describe('loadModel: what is not a regular file', () => {
  it.each([
    ['/dev/null', '/dev/null: is a character device; expected a regular config.json file'],
    ['/dev/zero', '/dev/zero: is a character device; expected a regular config.json file'],
  ])('finding 4: loadModel(%j) is refused before it is read', (path, message) => {
    expect(() => loadModel(path)).toThrow(new UsageError(message));
  });

  it('a path through a file, or too long for a file name, is no such file or a preset', () => {
    const file = join(tmp, 'plain.json');
    writeFileSync(file, '{}');
    expect(() => loadModel(join(file, 'config.json'))).toThrow(`${file}/config.json: no such file`);
    expect(() => loadModel('x'.repeat(5000))).toThrow('not a file and not a preset');
  });
});

describe('parseConfigBytes', () => {
  const text = readFileSync(join(FIXTURES, 'models', 'mixtral-8x7b.json'), 'utf8');
  const total = expectedParams['mixtral-8x7b']!.total;
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with a byte-order mark', Buffer.from('\ufeff' + text, 'utf8')],
    ['UTF-16 LE with a byte-order mark', Buffer.from('\ufeff' + text, 'utf16le')],
    ['UTF-16 BE with a byte-order mark', utf16be('\ufeff' + text)],
  ])('finding 10: parseConfigBytes reads %s as the file import does', (_, bytes) => {
    expect(countParams(parseConfigBytes(bytes, 'config.json')).total).toBe(total);
  });

  it('finding 10: bytes that are not text name the source and the offset', () => {
    const bytes = Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(() => parseConfigBytes(bytes, 'config.json')).toThrow(
      /^config\.json: invalid JSON: not UTF-8 text: byte 0xFF at offset 7/,
    );
  });

  it('finding 10: first_k_dense_replace above the layer count is refused, as in the explorer', () => {
    const deepseek = JSON.parse(readFileSync(join(FIXTURES, 'models', 'deepseek-v3.json'), 'utf8'));
    const bytes = Buffer.from(JSON.stringify({ ...deepseek, first_k_dense_replace: 1000 }));
    expect(() => parseConfigBytes(bytes, 'config.json')).toThrow(
      new UsageError(
        'config.json: first_k_dense_replace: expected at most num_hidden_layers (61), got 1000',
      ),
    );
  });
});

describe('parseConfigText', () => {
  it('parseConfigText names the source before the JSON error', () => {
    expect(() => parseConfigText('{"a": }', 'config.json')).toThrow(
      "config.json: invalid JSON at line 1, column 7: unexpected '}'",
    );
  });

  it('parseConfigText reads valid config text', () => {
    const text = JSON.stringify({
      model_type: 'llama',
      hidden_size: 64,
      intermediate_size: 128,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      vocab_size: 100,
    });
    expect(parseConfigText(text, 'tiny.json').layers).toBe(2);
  });
});
