/** readHubGguf against a loopback Hub (helpers/hub-server.ts): nothing reaches the network. */
import { afterEach, describe, expect, it } from 'vitest';
import { ggufWeights } from '../../../src/lib/core/index.ts';
import { HubError } from '../../../src/lib/hub/client.ts';
import { parseGgufFile } from '../../../src/lib/hub/gguf-file.ts';
import { readHubGguf } from '../../../src/lib/hub/gguf-read.ts';
import { buildGguf, gptOss20bLike } from '../helpers/gguf-builder.ts';
import { splitHubGguf } from '../helpers/gguf-fixtures.ts';
import { startHub, type LoopbackHub } from '../helpers/hub-server.ts';

const built = buildGguf(gptOss20bLike());

let hub: LoopbackHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

describe('readHubGguf: headers by HTTP Range', () => {
  const file = (path: string) => parseGgufFile(`acme/m-GGUF/${path}`, hub!.url);

  it('reads a whole file with Range requests of its start only', async () => {
    hub = await startHub({
      '/acme/m-GGUF/resolve/main/m.gguf': { body: built.bytes, size: built.fileBytes },
    });
    const model = await readHubGguf(file('m.gguf'), { hubUrl: hub.url });
    expect(ggufWeights(model).params).toBe(20_914_757_184);
    expect(model.parts[0]!.fileBytes).toBe(built.fileBytes); // from Content-Range
    expect(hub.requests).toEqual(['/acme/m-GGUF/resolve/main/m.gguf bytes=0-2097151']);
  });

  it('reads every part of a split model from the name of any part, and says how far it got', async () => {
    const files = splitHubGguf('/acme/m-GGUF/resolve/main/q', 'm', 3);
    hub = await startHub(files);
    const progress: string[] = [];
    const model = await readHubGguf(file('q/m-00002-of-00003.gguf'), {
      hubUrl: hub.url,
      onProgress: (read, of) => progress.push(`${read}/${of}`),
    });
    expect(model.parts).toHaveLength(3);
    expect(model.tensors).toHaveLength(built.offsets.length);
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
  });

  it("a missing part is the Hub's 404, naming it", async () => {
    hub = await startHub({
      '/acme/m-GGUF/resolve/main/m-00001-of-00002.gguf': {
        body: built.bytes,
        size: built.fileBytes,
      },
    });
    const error = await readHubGguf(file('m-00001-of-00002.gguf'), { hubUrl: hub.url }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).status).toBe(404);
    expect((error as Error).message).toContain('has no m-00002-of-00002.gguf (HTTP 404)');
  });
});
