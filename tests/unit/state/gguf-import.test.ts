import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultConfig,
  DEFAULT_HOST_SETTINGS,
  ggufWeights,
  parseGguf,
} from '../../../src/lib/core/index.ts';
import { ExplorerState } from '../../../src/lib/state/explorer.svelte.ts';
import { ggufImportOf, openGgufLink } from '../../../src/lib/state/gguf-import.svelte.ts';
import { hubImportOf } from '../../../src/lib/state/hub-import.svelte.ts';
import { shareQuery } from '../../../src/lib/state/share.ts';
import { gptOss20bGguf, hubGguf, splitHubGguf } from '../helpers/gguf-fixtures.ts';
import { startHub, type LoopbackHub } from '../helpers/hub-server.ts';

const built = gptOss20bGguf();
const FILE_BYTES = ggufWeights(parseGguf(built.bytes, { fileBytes: built.fileBytes })).bytes;

/** `preset` on one RTX 4090 with 64 GB of system RAM. */
function onRtx4090(preset = 'gpt-oss-20b'): ExplorerState {
  const config = defaultConfig(preset);
  config.deployment = {
    ...config.deployment,
    deviceId: 'rtx-4090',
    devices: 1,
    host: DEFAULT_HOST_SETTINGS,
  };
  return new ExplorerState(config);
}

function bigFile(head: Uint8Array, size: number, name: string): File {
  const file = new File([new Uint8Array(head)], name);
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

/** A link's query with `gguf=<value>`. */
const q = (value: string) => `?m=gpt-oss-20b&gguf=${encodeURIComponent(value)}`;

let hub: LoopbackHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

describe('GgufImport: a GGUF file for the weights of a deployment with system RAM', () => {
  it('a dropped file: its exact bytes are the weights; the link cannot carry it; Remove', async () => {
    const explorer = onRtx4090();
    const before = explorer.result.serving!.weightsBytes;
    const gguf = ggufImportOf(explorer);
    expect(
      await gguf.openFiles([bigFile(built.bytes, built.fileBytes, 'gpt-oss-20b-mxfp4.gguf')]),
    ).toBe(true);
    expect(gguf.error).toBeNull();
    expect(gguf.progress).toBeNull();
    expect(explorer.config.deployment.gguf).toMatchObject({
      name: 'gpt-oss-20b-mxfp4.gguf',
      header: { architecture: 'gpt-oss', fileType: 'MXFP4_MOE', bytes: FILE_BYTES },
    });
    expect(explorer.result.serving!.weightsBytes).toBe(FILE_BYTES);
    expect(FILE_BYTES).not.toBe(before);
    expect(shareQuery(explorer)).not.toContain('gguf=');
    gguf.remove();
    expect(explorer.config.deployment.gguf).toBeNull();
    expect(explorer.result.serving!.weightsBytes).toBe(before);
  });

  it('a truncated file and a non-GGUF file are refused; the deployment and its file stay as they were', async () => {
    const explorer = onRtx4090();
    const gguf = ggufImportOf(explorer);
    await gguf.openFiles([bigFile(built.bytes, built.fileBytes, 'good.gguf')]);
    const config = explorer.config;
    expect(await gguf.openFiles([new File([new Uint8Array(built.bytes)], 'cut.gguf')])).toBe(false);
    expect(gguf.error).toMatch(
      /^cut\.gguf at byte \d+: tensor .* \(truncated\)\. The file was not used\.$/,
    );
    expect(await gguf.openFiles([new File(['{"model_type": "gpt_oss"}'], 'config.json')])).toBe(
      false,
    );
    expect(gguf.error).toBe(
      'config.json at byte 0: magic: expected "GGUF" (a .gguf file), got "{"mo" (7b 22 6d 6f). The file was not used.',
    );
    expect(explorer.config).toBe(config);
    expect(explorer.config.deployment.gguf?.name).toBe('good.gguf');
  });

  it("another model's file is refused, naming what differs", async () => {
    const explorer = onRtx4090('gpt-oss-120b');
    const config = explorer.config;
    const gguf = ggufImportOf(explorer);
    expect(await gguf.openFiles([bigFile(built.bytes, built.fileBytes, 'gpt-oss-20b.gguf')])).toBe(
      false,
    );
    expect(gguf.error).toBe(
      "gpt-oss-20b.gguf is a gpt-oss file of 24 blocks; expected a file of gpt-oss-120b's 36 layers. The file was not used: choose the model it holds first.",
    );
    expect(explorer.config).toBe(config);
  });

  it('a Hub file by name, from the Hub address setting: used, and carried by the link', async () => {
    hub = await startHub(hubGguf('/acme/oss-GGUF/resolve/main/gpt-oss-20b.gguf', built));
    const explorer = onRtx4090();
    hubImportOf(explorer).hubUrl = hub.url;
    const gguf = ggufImportOf(explorer);
    expect(await gguf.openHub('acme/oss-GGUF/gpt-oss-20b.gguf')).toBe(true);
    expect(explorer.result.serving!.weightsBytes).toBe(FILE_BYTES);
    const value = `${hub.url}/acme/oss-GGUF/resolve/main/gpt-oss-20b.gguf`;
    expect(explorer.config.deployment.gguf?.hub).toBe(value);
    expect(new URLSearchParams(shareQuery(explorer)).get('gguf')).toBe(value);
  });

  it('a split model on the Hub is read as one model', async () => {
    hub = await startHub(splitHubGguf('/acme/oss-GGUF/resolve/main/MXFP4', 'gpt-oss-20b', 3));
    const explorer = onRtx4090();
    const gguf = ggufImportOf(explorer);
    expect(
      await gguf.openHub(
        `${hub.url}/acme/oss-GGUF/blob/main/MXFP4/gpt-oss-20b-00001-of-00003.gguf`,
      ),
    ).toBe(true);
    expect(explorer.config.deployment.gguf?.header).toMatchObject({ parts: 3, bytes: FILE_BYTES });
  });

  it('a missing file on the Hub says what to check; a bad name says what is expected', async () => {
    hub = await startHub({});
    const explorer = onRtx4090();
    hubImportOf(explorer).hubUrl = hub.url;
    const gguf = ggufImportOf(explorer);
    expect(await gguf.openHub('acme/oss-GGUF/none.gguf')).toBe(false);
    expect(gguf.error).toBe(
      "acme/oss-GGUF@main has no none.gguf (HTTP 404): check the repo, the file's folder and name, and the revision.",
    );
    expect(await gguf.openHub('acme/oss-GGUF')).toBe(false);
    expect(gguf.error).toMatch(/^"acme\/oss-GGUF": expected a \.gguf file on the Hub/);
    expect(explorer.config.deployment.gguf).toBeUndefined();
  });

  it("a link's gguf=: read and used; a bad value, no host, a missing file and an unreachable Hub each say so", async () => {
    hub = await startHub(hubGguf('/acme/oss-GGUF/resolve/main/gpt-oss-20b.gguf', built));
    const lines: string[] = [];
    const warn = (line: string) => lines.push(line);
    const explorer = onRtx4090();
    await openGgufLink(explorer, q(`${hub.url}/acme/oss-GGUF/resolve/main/gpt-oss-20b.gguf`), warn);
    expect(lines).toEqual([]);
    expect(explorer.result.serving!.weightsBytes).toBe(FILE_BYTES);

    await openGgufLink(explorer, q('gpt-oss-20b.gguf'), warn);
    expect(lines.pop()).toMatch(
      /^gguf: expected a \.gguf file on the Hub: .*, got "gpt-oss-20b\.gguf"; ignored$/,
    );
    await openGgufLink(new ExplorerState(defaultConfig('gpt-oss-20b')), q('o/m/m.gguf'), warn);
    expect(lines.pop()).toBe('gguf: read only with system RAM (ram=); ignored');

    const missing = onRtx4090();
    await openGgufLink(missing, q(`${hub.url}/acme/oss-GGUF/resolve/main/none.gguf`), warn);
    expect(lines.pop()).toBe(
      "gguf: acme/oss-GGUF@main has no none.gguf (HTTP 404): check the repo, the file's folder and name, and the revision; ignored",
    );
    expect(missing.config.deployment.gguf).toBeNull();

    // No Hub answers: the file stays named (the link keeps it), unused, until read again.
    const url = hub.url;
    await hub.close();
    hub = null;
    const offline = onRtx4090();
    await openGgufLink(offline, q(`${url}/acme/oss-GGUF/resolve/main/gpt-oss-20b.gguf`), warn);
    expect(lines.pop()).toBe(
      `gguf: Could not reach ${url} for acme/oss-GGUF: check the connection or the Hub address, or download the file and drop it here; the weight precision settings are used until it is read`,
    );
    expect(offline.config.deployment.gguf).toMatchObject({
      name: 'gpt-oss-20b.gguf',
      header: null,
    });
    expect(shareQuery(offline)).toContain(
      `&gguf=${url}/acme/oss-GGUF/resolve/main/gpt-oss-20b.gguf`,
    );
    expect(offline.result.serving!.weightsBytes).not.toBe(FILE_BYTES);
  });
});
