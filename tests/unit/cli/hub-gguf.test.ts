/**
 * `serve --gguf org/name/<file>.gguf` in process, against a loopback Hub (helpers/hub-server.ts):
 * the header by Range requests, the same estimate as from the same file on disk. Nothing reaches
 * the network.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hubGgufOf, readGgufFromHub } from '../../../src/cli/hub-gguf.ts';
import { runCliAsync } from '../../../src/cli/run.ts';
import { ggufWeights } from '../../../src/lib/core/index.ts';
import { buildGguf, gptOss20bLike } from '../helpers/gguf-builder.ts';
import { splitHubGguf } from '../helpers/gguf-fixtures.ts';
import { startHub, type LoopbackHub } from '../helpers/hub-server.ts';

const built = buildGguf({ ...gptOss20bLike(), data: false });
const FILE = '/acme/m-GGUF/resolve/main/m.gguf';

const dir = mkdtempSync(join(tmpdir(), 'moe-hub-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let hub: LoopbackHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

describe('hubGgufOf', () => {
  it('names a Hub file for org/name/<file>.gguf and an address, not for a path on disk', () => {
    expect(hubGgufOf('acme/m-GGUF/q/m.gguf')).toMatchObject({
      model: { repo: 'acme/m-GGUF', revision: 'main' },
      path: 'q/m.gguf',
    });
    expect(hubGgufOf('https://hf.co/acme/m-GGUF/blob/v1/m.gguf')?.model.revision).toBe('v1');
    for (const local of [
      './acme/m/q.gguf',
      '/tmp/a/b/c.gguf',
      '~/m/n/o.gguf',
      'm.gguf',
      'a/b.gguf',
    ])
      expect(hubGgufOf(local)).toBeUndefined();
    const onDisk = join(dir, 'x', 'y');
    const path = join(onDisk, 'z.gguf');
    expect(hubGgufOf(path)).toBeUndefined(); // starts at '/'
  });
});

describe('serve --gguf from the Hub', () => {
  it('reads the header by Range requests and estimates as from the same file on disk', async () => {
    hub = await startHub({ [FILE]: { body: built.bytes, size: built.fileBytes } });
    const path = join(dir, 'm.gguf');
    writeFileSync(path, built.bytes);
    truncateSync(path, built.fileBytes);
    const flags = ['--gpu', 'rtx-4090', '--host-memory-gb', '64', '--json'];
    const fromDisk = await runCliAsync(['serve', 'gpt-oss-20b', ...flags, '--gguf', path], {});
    const fromHub = await runCliAsync(
      ['serve', 'gpt-oss-20b', ...flags, '--gguf', 'acme/m-GGUF/m.gguf', '--hub-url', hub.url],
      {},
    );
    expect(fromHub.stderr).toBe('');
    expect(JSON.parse(fromHub.stdout)).toEqual(JSON.parse(fromDisk.stdout));
    expect(hub.requests).toEqual([`${FILE} bytes=0-2097151`]);
  });

  it('a split model is read from all its parts, named by any one of them', async () => {
    hub = await startHub(splitHubGguf('/acme/m-GGUF/resolve/main/q', 'm', 3));
    const model = await readGgufFromHub('acme/m-GGUF/q/m-00003-of-00003.gguf', hub.url, {});
    expect(model.parts).toHaveLength(3);
    // The exact weights of gpt-oss-20b: 20,914,757,184 (tests/unit/core/checkpoint/gguf-weights.test.ts).
    expect(ggufWeights(model).params).toBe(20_914_757_184);
  });

  it('a file the Hub does not have is one line: the Hub says so, and no file on disk has that name', async () => {
    hub = await startHub({});
    const out = await runCliAsync(
      ['serve', 'gpt-oss-20b', '--gguf', 'acme/m-GGUF/none.gguf', '--hub-url', hub.url],
      {},
    );
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /^moe-explorer: --gguf acme\/m-GGUF\/none\.gguf: .*none\.gguf.*\(and no file on disk has that name\)\n$/,
    );
  });

  it('an unreachable Hub is advised against as for a file: download it and give its path', async () => {
    const out = await runCliAsync(
      ['serve', 'gpt-oss-20b', '--gguf', 'acme/m-GGUF/m.gguf', '--hub-url', 'http://127.0.0.1:9'],
      {},
    );
    expect(out.stderr).toBe(
      'moe-explorer: --gguf acme/m-GGUF/m.gguf: could not reach http://127.0.0.1:9 for acme/m-GGUF@main: check the connection or the Hub address, or download the file and give its path (and no file on disk has that name)\n',
    );
  });

  it('a Hub left silent is given up on, naming --gguf and the time', async () => {
    const silent: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
      );
    const error = await readGgufFromHub('acme/m-GGUF/m.gguf', 'http://127.0.0.1:9', {
      fetch: silent,
      timeoutMs: 20,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      '--gguf acme/m-GGUF/m.gguf: http://127.0.0.1:9 did not answer within 0.02 s',
    );
  });
});
