/**
 * `params org/name` (and `serve`, `train`, `plan` of one) in process: the asynchronous step
 * (resolveHubModel, runCliAsync) against a loopback Hub serving Mixtral-8x7B
 * (helpers/mixtral-hub.ts). Nothing reaches the network.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findCommand } from '../../../src/cli/commands.ts';
import { hubHelp, resolveHubModel } from '../../../src/cli/hub-model.ts';
import { runCliAsync } from '../../../src/cli/run.ts';
import type { TensorEntry } from '../../../src/lib/core/index.ts';
import { safetensorsHead } from '../helpers/checkpoint-tensors.ts';
import { expectedParams, FIXTURES } from '../helpers/fixtures.ts';
import { startHub, type HubFile, type LoopbackHub } from '../helpers/hub-server.ts';
import { MIXTRAL_REPO, mixtralHubFiles } from '../helpers/mixtral-hub.ts';

// Mixtral-8x7B: 46,702,792,704 (Hugging Face safetensors total; expected-params.json).
const MIXTRAL_TOTAL = expectedParams['mixtral-8x7b']!.total;

let hub: LoopbackHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

async function serve(files: Record<string, HubFile>): Promise<string> {
  hub = await startHub(files);
  return hub.url;
}

describe('runCliAsync: params of a Hub model id', () => {
  it('params org/name --json --hub-url counts config.json and checks it on the checkpoint: matches, 46,702,792,704', async () => {
    const url = await serve(mixtralHubFiles());
    const out = await runCliAsync(['params', MIXTRAL_REPO, '--json', '--hub-url', url], {});
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.model).toBe(MIXTRAL_REPO);
    expect(json.total).toBe(MIXTRAL_TOTAL);
    expect(json.checkpoint).toEqual({
      tensors: 995,
      total: MIXTRAL_TOTAL,
      matches: true,
      differences: [],
      extras: [],
    });
  });

  it('the table ends with one line: checked against the checkpoint, total matches to the parameter', async () => {
    const url = await serve(mixtralHubFiles());
    const out = await runCliAsync(['params', MIXTRAL_REPO, '--hub-url', url], {});
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('46,702,792,704');
    expect(out.stdout.trimEnd().split('\n').at(-1)).toBe(
      'checked against the checkpoint: 995 tensors, total matches to the parameter',
    );
  });

  it('HF_ENDPOINT is the Hub when --hub-url is not given', async () => {
    const url = await serve(mixtralHubFiles());
    const out = await runCliAsync(['params', MIXTRAL_REPO, '--json'], { HF_ENDPOINT: url });
    expect(JSON.parse(out.stdout).checkpoint.matches).toBe(true);
  });

  it('--revision overrides an @revision, and a page URL names the model too', async () => {
    const url = await serve(mixtralHubFiles({ revision: 'v2' }));
    const argv = ['params', `${MIXTRAL_REPO}@v1`, '--json', '--revision', 'v2', '--hub-url', url];
    expect(JSON.parse((await runCliAsync(argv, {})).stdout).model).toBe(`${MIXTRAL_REPO}@v2`);
    const page = `https://huggingface.co/${MIXTRAL_REPO}/tree/v2`;
    const out = await runCliAsync(['params', page, '--json', '--hub-url', url], {});
    expect(JSON.parse(out.stdout).checkpoint.total).toBe(MIXTRAL_TOTAL);
  });

  it('a repo without safetensors: the count is printed, and the checkpoint says why it was not checked', async () => {
    const url = await serve(mixtralHubFiles({ only: 'config' }));
    const json = await runCliAsync(['params', MIXTRAL_REPO, '--json', '--hub-url', url], {});
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      total: MIXTRAL_TOTAL,
      checkpoint: { error: expect.stringMatching(/has no safetensors checkpoint/) },
    });
    const table = await runCliAsync(['params', MIXTRAL_REPO, '--hub-url', url], {});
    expect(table.stdout).toMatch(/^not checked against the checkpoint: .*has no safetensors/m);
  });

  it.each([
    [401, /^moe-explorer: mistralai\/Mixtral-8x7B-v0.1@main is gated or private \(HTTP 401\): .*give the path of its config.json instead\n$/],
    [404, /^moe-explorer: mistralai\/Mixtral-8x7B-v0.1@main has no config.json \(HTTP 404\): check the model id and revision\n$/],
  ])('HTTP %i for config.json is one stderr line and exit 2', async (status, message) => {
    const url = await serve({ [`/${MIXTRAL_REPO}/resolve/main/config.json`]: { status } });
    const out = await runCliAsync(['params', MIXTRAL_REPO, '--hub-url', url], {});
    expect(out).toMatchObject({ stdout: '', code: 2 });
    expect(out.stderr).toMatch(message);
  }); // prettier-ignore

  it('a hung Hub ends in one line naming the timeout, not a hung CLI', async () => {
    const server = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      // The message names the 0.2 s given, so it was that timeout that ended the wait (a hang
      // would exceed the test's own time limit instead).
      const out = await runCliAsync(
        ['params', MIXTRAL_REPO, '--hub-url', `http://127.0.0.1:${port}`],
        {},
        false,
        { timeoutMs: 200 },
      );
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(
        /^moe-explorer: http:\/\/127.0.0.1:\d+ did not answer within 0.2 s for mistralai\/Mixtral-8x7B-v0.1: check the connection/,
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a Hub that serves config.json but hangs on the tensors still prints the count', async () => {
    const config = mixtralHubFiles({ only: 'config' });
    const server = createServer((req, res) => {
      const file = config[new URL(req.url ?? '/', 'http://x').pathname];
      if (file) res.writeHead(200).end(file.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const argv = ['params', MIXTRAL_REPO, '--json', '--hub-url', `http://127.0.0.1:${port}`];
      const out = await runCliAsync(argv, {}, false, { timeoutMs: 200 });
      expect(JSON.parse(out.stdout)).toMatchObject({
        total: MIXTRAL_TOTAL,
        checkpoint: { error: 'the Hub did not answer within 0.2 s while the tensor list was read' },
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('names and tensor names from the Hub print without control characters', async () => {
    const files = mixtralHubFiles({ only: 'config' });
    // A tensor whose name carries a terminal escape, and a dtype the format does not have.
    const tensor = { name: '\u001b[2Jx', dtype: 'XX', shape: [1] } as unknown as TensorEntry;
    files[`/${MIXTRAL_REPO}/resolve/main/model.safetensors`] = { body: safetensorsHead([tensor]) };
    const url = await serve(files);
    const out = await runCliAsync(['params', MIXTRAL_REPO, '--hub-url', url], {});
    expect(out.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- the point
    expect(out.stdout).not.toMatch(/\u001b/);
    expect(out.stdout).toMatch(/^not checked against the checkpoint: .*\\u001b\[2Jx/m);
  });
});

describe('runCliAsync: what does not go to the Hub', () => {
  it('a preset, a file and a missing *.json take the synchronous path, with no request', async () => {
    const url = await serve({});
    const config = join(FIXTURES, 'models', 'mixtral-8x7b.json');
    for (const arg of ['mixtral-8x7b', config]) {
      const out = await runCliAsync(['params', arg, '--json'], { HF_ENDPOINT: url });
      expect(JSON.parse(out.stdout).checkpoint).toBeUndefined();
    }
    const missing = await runCliAsync(['params', 'configs/none.json'], { HF_ENDPOINT: url });
    expect(missing.stderr).toBe('moe-explorer: configs/none.json: no such file\n');
    expect(hub!.requests).toEqual([]);
  });

  it('--hub-url or --revision with a preset is refused', async () => {
    const out = await runCliAsync(['params', 'mixtral-8x7b', '--revision', 'v1'], {});
    expect(out).toEqual({
      stdout: '',
      stderr:
        'moe-explorer: --revision: applies to a Hugging Face model id (org/name), not to mixtral-8x7b\n',
      code: 2,
    });
  });

  it('an invalid --hub-url, HF_ENDPOINT or --revision is refused before any request', async () => {
    const cases: [string[], Record<string, string>, string][] = [
      [['--hub-url', 'ftp://hub'], {}, '--hub-url: expected an http or https URL such as https://huggingface.co, got "ftp://hub"'],
      [['--hub-url', 'not a url'], {}, '--hub-url: expected an http or https URL'],
      [[], { HF_ENDPOINT: 'hub.example' }, 'HF_ENDPOINT: expected an http or https URL'],
      [['--revision', '../x'], {}, '--revision: "../x": expected a branch, tag or commit'],
    ]; // prettier-ignore
    for (const [flags, env, message] of cases) {
      const out = await runCliAsync(['params', MIXTRAL_REPO, ...flags], env);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(message);
    }
  });
});

describe('runCliAsync: serve, train and plan of a Hub model id', () => {
  it('serve org/name reads config.json alone and estimates as it does for the same file', async () => {
    const url = await serve(mixtralHubFiles());
    const flags = ['--gpu', 'h100-sxm', '--gpus', '2', '--json'];
    const file = join(FIXTURES, 'models', 'mixtral-8x7b.json');
    const fromFile = JSON.parse((await runCliAsync(['serve', file, ...flags], {})).stdout);
    const out = await runCliAsync(['serve', MIXTRAL_REPO, ...flags, '--hub-url', url], {});
    expect(out.stderr).toBe('');
    const fromHub = JSON.parse(out.stdout);
    expect(fromHub.model).toBe(MIXTRAL_REPO);
    expect({ ...fromHub, model: '' }).toEqual({ ...fromFile, model: '' });
    // Mixtral-8x7B in BF16: 46,702,792,704 parameters x 2 bytes (expected-params.json)
    expect(fromHub.weightsBytes).toBe(2 * MIXTRAL_TOTAL);
    expect(hub!.requests).toEqual([`/${MIXTRAL_REPO}/resolve/main/config.json`]);
  });

  it('train and plan take a model id, its @revision and HF_ENDPOINT as params does', async () => {
    const url = await serve(mixtralHubFiles({ revision: 'v2' }));
    const train = await runCliAsync(['train', `${MIXTRAL_REPO}@v2`, '--tokens', '1T', '--json'], {
      HF_ENDPOINT: url,
    });
    expect(train.stderr).toBe('');
    expect(JSON.parse(train.stdout).model).toBe(`${MIXTRAL_REPO}@v2`);
    const plan = await runCliAsync(
      ['plan', MIXTRAL_REPO, '--revision', 'v2', '--input', '1000', '--output', '100'],
      { HF_ENDPOINT: url },
    );
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain(`${MIXTRAL_REPO}@v2`);
  });

  it('serve --spec-decode draft --draft-model org/name reads the draft from the Hub, beside a preset', async () => {
    const url = await serve(mixtralHubFiles());
    const flags = ['--gpu', 'h100-sxm', '--gpus', '8', '--spec-decode', 'draft', '--json'];
    const fromHub = await runCliAsync(
      ['serve', 'mixtral-8x22b', ...flags, '--draft-model', MIXTRAL_REPO, '--hub-url', url],
      {},
    );
    expect(fromHub.stderr).toBe('');
    const file = join(FIXTURES, 'models', 'mixtral-8x7b.json');
    const fromFile = await runCliAsync(['serve', 'mixtral-8x22b', ...flags, '--draft-model', file], {}); // prettier-ignore
    expect(JSON.parse(fromHub.stdout)).toEqual(JSON.parse(fromFile.stdout));
    expect(hub!.requests).toEqual([`/${MIXTRAL_REPO}/resolve/main/config.json`]);
    // --revision is the model argument's: with a preset there, it is refused
    const revision = await runCliAsync(
      ['serve', 'mixtral-8x22b', ...flags, '--draft-model', MIXTRAL_REPO, '--revision', 'v2'],
      { HF_ENDPOINT: url },
    );
    expect(revision.stderr).toBe(
      'moe-explorer: --revision: applies to a Hugging Face model id (org/name), not to mixtral-8x22b\n',
    );
  });

  it('compare reads each model id from the Hub beside presets, and names the column by the id', async () => {
    const url = await serve(mixtralHubFiles());
    const out = await runCliAsync(['compare', 'mixtral-8x7b', MIXTRAL_REPO, '--hub-url', url, '--json'], {}); // prettier-ignore
    expect(out.stderr).toBe('');
    const json = JSON.parse(out.stdout);
    expect(json.columns.map((c: { label: { model: string } }) => c.label.model)).toEqual([
      'Mixtral 8x7B',
      MIXTRAL_REPO,
    ]);
    expect(json.rows[0].cells.map((c: { text: string }) => c.text)).toEqual(['46.70B', '46.70B']);
    expect(hub!.requests).toEqual([`/${MIXTRAL_REPO}/resolve/main/config.json`]);
    const presetsOnly = await runCliAsync(['compare', 'mixtral-8x7b', 'olmoe-1b-7b', '--hub-url', url], {}); // prettier-ignore
    expect(presetsOnly.stderr).toBe(
      'moe-explorer: --hub-url: applies to a Hugging Face model id (org/name), not to mixtral-8x7b, olmoe-1b-7b\n',
    );
  });

  it('a model id the Hub does not have is one line naming it, for serve as for params', async () => {
    const url = await serve({});
    const out = await runCliAsync(['serve', 'org/none', '--hub-url', url], {});
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^moe-explorer: .*org\/none.*\n$/);
  });
});

describe('resolveHubModel', () => {
  const params = findCommand('params')!;
  it('is undefined for a preset, no argument and two arguments', async () => {
    for (const args of [['mixtral-8x7b'], [], ['a/b', 'c/d']])
      expect(await resolveHubModel(params, args, {})).toBeUndefined();
  });

  it('reads the tensor list only for a command that checks its count on it (params)', async () => {
    const url = await serve(mixtralHubFiles());
    const serveInput = await resolveHubModel(findCommand('serve')!, [MIXTRAL_REPO, '--hub-url', url], {}); // prettier-ignore
    expect(serveInput?.checkpoint).toBeUndefined();
    const paramsInput = await resolveHubModel(params, [MIXTRAL_REPO, '--hub-url', url], {});
    expect(paramsInput?.checkpoint).toMatchObject({ tensors: expect.any(Array) });
  });

  it('hubHelp names the argument forms, --hub-url, --revision and HF_ENDPOINT', () => {
    for (const checks of [true, false]) {
      const text = hubHelp(checks).join('\n');
      for (const word of ['org/name@revision', '--hub-url', '--revision', '$HF_ENDPOINT'])
        expect(text).toContain(word);
      expect(text.includes("checkpoint's tensors")).toBe(checks);
    }
    // compare takes no --revision: each of its model ids carries its own @revision
    expect(hubHelp(false, false).join('\n')).not.toContain('--revision');
  });
});
