/**
 * The CLI as a process on a Hugging Face model id (issue 11, section 3): `params org/name` read
 * from a loopback Hub (--hub-url or HF_ENDPOINT), nothing from the network. The process is
 * spawned asynchronously, so that this process's event loop keeps serving the Hub meanwhile.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliProcess } from '../helpers/cli.ts';
import { startHub, type HubFile, type LoopbackHub } from '../helpers/hub-server.ts';
import { MIXTRAL_REPO, mixtralHubFiles } from '../helpers/mixtral-hub.ts';
import { deepseekV4FlashHubFiles, V4_FLASH_REPO } from '../helpers/deepseek-v4-hub.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** `node --import tsx src/cli/main.ts ...args`, killed after 20 s (status null). */
function spawnCliAsync(
  args: string[],
  env: Record<string, string> = {},
): Promise<Omit<CliProcess, 'cpuSeconds'>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args],
    { cwd: ROOT, env: { ...process.env, HF_ENDPOINT: '', ...env }, timeout: 20_000 },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr })),
  );
}

let hub: LoopbackHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

async function serve(files: Record<string, HubFile>): Promise<string> {
  hub = await startHub(files);
  return hub.url;
}

describe('issue 11: the CLI process reads a model id from the Hub', { timeout: 30_000 }, () => {
  it('params org/name --json --hub-url http://127.0.0.1:<port>: checkpoint.matches, total 46,702,792,704', async () => {
    const url = await serve(mixtralHubFiles());
    const out = await spawnCliAsync(['params', MIXTRAL_REPO, '--json', '--hub-url', url]);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    // Mixtral-8x7B: 46,702,792,704 (Hugging Face safetensors total)
    expect(json.total).toBe(46_702_792_704);
    expect(json.checkpoint).toMatchObject({ matches: true, total: 46_702_792_704, tensors: 995 });
  });

  it('params deepseek-ai/DeepSeek-V4-Flash: its 69,187 tensors over 46 shards match the count, FP4 experts in I8 counted as pairs', async () => {
    const url = await serve(deepseekV4FlashHubFiles());
    const out = await spawnCliAsync(['params', V4_FLASH_REPO, '--json', '--hub-url', url]);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    // 284,332,240,471 without the MTP module (docs/research/families/deepseek_v4.md §3).
    expect(json.total).toBe(284_332_240_471);
    expect(json.checkpoint).toMatchObject({
      matches: true,
      total: 284_332_240_471,
      tensors: 69_187,
    });
    const extras = Object.fromEntries(
      (json.checkpoint.extras as { kind: string; tensors: number }[]).map((e) => [
        e.kind,
        e.tensors,
      ]),
    );
    // Every one of the 34,167 UE8M0 scales (the MTP module's 778 among them), the 3 hash tables,
    // and the MTP module's other 1,575 - 778 tensors.
    expect(extras).toEqual({ scale: 34_167, buffer: 3, mtp: 797 });
  });

  it('HF_ENDPOINT is honoured when --hub-url is not given', async () => {
    const url = await serve(mixtralHubFiles());
    const out = await spawnCliAsync(['params', MIXTRAL_REPO], { HF_ENDPOINT: url });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(
      /^checked against the checkpoint: 995 tensors, total matches to the parameter$/m,
    );
  });

  it('a repo without safetensors: exit 0, the count, and checkpoint.error', async () => {
    const url = await serve(mixtralHubFiles({ only: 'config' }));
    const out = await spawnCliAsync(['params', MIXTRAL_REPO, '--json', '--hub-url', url]);
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.total).toBe(46_702_792_704);
    expect(json.checkpoint.error).toMatch(/has no safetensors checkpoint/);
  });

  it.each([
    [401, 'is gated or private (HTTP 401)'],
    [404, 'has no config.json (HTTP 404): check the model id and revision'],
  ])('HTTP %i for config.json: one stderr line, exit 2', async (status, message) => {
    const url = await serve(status === 404 ? {} : { [`/${MIXTRAL_REPO}/resolve/main/config.json`]: { status } }); // prettier-ignore
    const out = await spawnCliAsync(['params', MIXTRAL_REPO, '--hub-url', url]);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^moe-explorer: [^\n]*\n$/);
    expect(out.stderr).toContain(`${MIXTRAL_REPO}@main ${message}`);
  });

  it('an invalid --hub-url is refused: one stderr line, exit 2', async () => {
    const out = await spawnCliAsync(['params', MIXTRAL_REPO, '--hub-url', 'file:///etc/passwd']);
    expect(out).toMatchObject({
      status: 2,
      stdout: '',
      stderr:
        'moe-explorer: --hub-url: expected an http or https URL such as https://huggingface.co, got "file:///etc/passwd"\n',
    });
  });
});
