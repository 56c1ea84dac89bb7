import { afterEach, describe, expect, it } from 'vitest';
import { checkCheckpoint, countParams } from '../../../src/lib/core/index.ts';
import {
  fetchConfig,
  fetchTensors,
  fileUrl,
  HubError,
  inPool,
  MAX_INDEX_SIZE,
} from '../../../src/lib/hub/client.ts';
import { MAX_JSON_SIZE } from '../../../src/lib/core/index.ts';
import { MIXTRAL_8X7B, mixtralTensors, safetensorsHead } from '../helpers/checkpoint-tensors.ts';
import { expectedParams, fixtureConfig, fixtureSpec } from '../helpers/fixtures.ts';
import { startHub, type HubFile, type LoopbackHub } from '../helpers/hub-server.ts';

const model = { repo: 'mistralai/Mixtral-8x7B-v0.1', revision: 'main' };
const base = `/${model.repo}/resolve/main`;
const tensors = mixtralTensors(MIXTRAL_8X7B);
const half = tensors.length >> 1;
const shards = ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'];

/** Mixtral's files as the Hub serves them: config, index and two shards (headers only). */
function mixtralFiles(): Record<string, HubFile> {
  const parts = [tensors.slice(0, half), tensors.slice(half)];
  const weightMap = Object.fromEntries(parts.flatMap((p, i) => p.map((t) => [t.name, shards[i]])));
  return {
    [`${base}/config.json`]: { body: JSON.stringify(fixtureConfig('mixtral-8x7b')) },
    [`${base}/model.safetensors.index.json`]: {
      body: JSON.stringify({ metadata: { total_size: 1 }, weight_map: weightMap }),
    },
    [`${base}/${shards[0]}`]: { body: safetensorsHead(parts[0]!) },
    [`${base}/${shards[1]}`]: { body: safetensorsHead(parts[1]!) },
  };
}

let hub: LoopbackHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

describe('the Hub client, against a loopback Hub', () => {
  it('builds resolve URLs, the revision escaped', () => {
    expect(fileUrl({ repo: 'a/b', revision: 'refs/pr/1' }, 'config.json', 'http://h/')).toBe(
      'http://h/a/b/resolve/refs%2Fpr%2F1/config.json',
    );
  });

  it('reads config.json, then the tensor list from two shard headers by Range requests, and the count matches it', async () => {
    hub = await startHub(mixtralFiles());
    const options = { hubUrl: hub.url };
    expect(await fetchConfig(model, options)).toEqual(fixtureConfig('mixtral-8x7b'));
    const read = await fetchTensors(model, options);
    expect(read).toHaveLength(tensors.length);
    const check = checkCheckpoint(read, countParams(fixtureSpec('mixtral-8x7b')), 32);
    // Mixtral-8x7B: 46,702,792,704 (Hugging Face safetensors total).
    expect(check).toMatchObject({ matches: true, total: expectedParams['mixtral-8x7b']!.total });
    // Headers only: two ranged requests per shard, never the weights.
    expect(hub.requests.filter((r) => r.includes('.safetensors '))).toEqual([
      `${base}/${shards[0]} bytes=0-7`,
      expect.stringMatching(new RegExp(`${shards[0]} bytes=8-\\d+$`)),
      `${base}/${shards[1]} bytes=0-7`,
      expect.stringMatching(new RegExp(`${shards[1]} bytes=8-\\d+$`)),
    ]);
  });

  it('reads a single model.safetensors when there is no index, and a server that ignores Range', async () => {
    const files = {
      [`${base}/model.safetensors`]: { body: safetensorsHead(tensors.slice(0, 10)) },
    };
    hub = await startHub(files, { ignoreRange: true });
    expect(await fetchTensors(model, { hubUrl: hub.url })).toHaveLength(10);
  });

  it.each([
    [401, /gated or private \(HTTP 401\).*paste its config.json instead/],
    [403, /gated or private \(HTTP 403\)/],
    [404, /has no config.json \(HTTP 404\): check the model id and revision/],
    [429, /rate-limiting requests \(HTTP 429\): wait a minute/],
    [500, /config.json could not be read \(HTTP 500\)/],
  ])('HTTP %i gives a message that says what to do', async (status, message) => {
    hub = await startHub(status === 404 ? {} : { [`${base}/config.json`]: { status } });
    const error = await fetchConfig(model, { hubUrl: hub.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).status).toBe(status);
    expect((error as HubError).message).toMatch(message);
  });

  it('an unreachable Hub, and a repo without safetensors, each say so', async () => {
    hub = await startHub({});
    const url = hub.url;
    await hub.close();
    hub = null;
    await expect(fetchConfig(model, { hubUrl: url })).rejects.toThrow(
      /could not reach http:\/\/127.0.0.1/,
    );
    hub = await startHub({});
    await expect(fetchTensors(model, { hubUrl: hub.url })).rejects.toThrow(
      /has no safetensors checkpoint/,
    );
  });

  it("reads shard headers several at a time, keeps the shards' order, and says how far it is", async () => {
    hub = await startHub(mixtralFiles());
    const progress: [number, number][] = [];
    const read = await fetchTensors(model, {
      hubUrl: hub.url,
      concurrency: 4,
      onProgress: (done, of) => progress.push([done, of]),
    });
    expect(read.map((t) => t.name)).toEqual(tensors.map((t) => t.name));
    expect(progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
  });

  it('an index over a config’s 4 MiB is read (a large checkpoint’s, as DeepSeek-V4’s 5.4 MB), up to 64 MiB', async () => {
    // Mixtral's weight map, padded with a long unused metadata field past MAX_JSON_SIZE.
    const files = mixtralFiles();
    const index = JSON.parse(files[`${base}/model.safetensors.index.json`]!.body as string);
    const padded = JSON.stringify({ ...index, metadata: { note: 'x'.repeat(MAX_JSON_SIZE) } });
    expect(padded.length).toBeGreaterThan(MAX_JSON_SIZE);
    hub = await startHub({ ...files, [`${base}/model.safetensors.index.json`]: { body: padded } });
    expect(await fetchTensors(model, { hubUrl: hub.url })).toHaveLength(tensors.length);
  });

  it('an index that large but not JSON, or over 64 MiB, says so', async () => {
    const bad = `{"weight_map": ${'x'.repeat(MAX_JSON_SIZE)}`;
    hub = await startHub({
      ...mixtralFiles(),
      [`${base}/model.safetensors.index.json`]: { body: bad },
    });
    await expect(fetchTensors(model, { hubUrl: hub.url })).rejects.toThrow(
      'mistralai/Mixtral-8x7B-v0.1: model.safetensors.index.json is not valid JSON',
    );
    await hub.close();
    const huge = 'x'.repeat(MAX_INDEX_SIZE + 1);
    hub = await startHub({
      ...mixtralFiles(),
      [`${base}/model.safetensors.index.json`]: { body: huge },
    });
    await expect(fetchTensors(model, { hubUrl: hub.url })).rejects.toThrow(
      `model.safetensors.index.json is over ${MAX_INDEX_SIZE} bytes`,
    );
  });

  it('a shard that cannot be read fails the list, with its reason', async () => {
    hub = await startHub({ ...mixtralFiles(), [`${base}/${shards[1]}`]: { status: 403 } });
    await expect(fetchTensors(model, { hubUrl: hub.url, concurrency: 2 })).rejects.toThrow(
      /gated or private \(HTTP 403\)/,
    );
  });
});

describe('inPool', () => {
  it('answers in the items’ order, at most `workers` at a time, and reports each answer', async () => {
    let running = 0;
    let most = 0;
    const progress: string[] = [];
    const answers = await inPool(
      [30, 10, 20, 5],
      2,
      async (ms) => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, ms));
        running--;
        return ms * 2;
      },
      (read, of) => progress.push(`${read}/${of}`),
    );
    expect(answers).toEqual([60, 20, 40, 10]);
    expect(most).toBe(2);
    expect(progress).toEqual(['0/4', '1/4', '2/4', '3/4', '4/4']);
  });

  it('stops starting items after a failure, and throws it', async () => {
    const started: number[] = [];
    const failing = inPool([1, 2, 3, 4], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('no');
      return n;
    });
    await expect(failing).rejects.toThrow('no');
    expect(started).toEqual([1, 2]);
  });
});
