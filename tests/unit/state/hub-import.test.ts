import { afterEach, describe, expect, it } from 'vitest';
import { ExplorerState } from '../../../src/lib/state/explorer.svelte.ts';
import { hubImportOf, openHubLink } from '../../../src/lib/state/hub-import.svelte.ts';
import { hubLinkOf } from '../../../src/lib/state/hub-source.ts';
import { openLink, shareQuery } from '../../../src/lib/state/share.ts';
import { MIXTRAL_8X7B, mixtralTensors, safetensorsHead } from '../helpers/checkpoint-tensors.ts';
import { fixtureConfig } from '../helpers/fixtures.ts';
import { startHub, type HubFile, type LoopbackHub } from '../helpers/hub-server.ts';
import { MIXTRAL_REPO, mixtralHubFiles } from '../helpers/mixtral-hub.ts';

// Mixtral-8x7B: 46,702,792,704 parameters (Hugging Face safetensors total; expected-params.json).
const MIXTRAL_TOTAL = 46_702_792_704;
const SCOUT_TOTAL = 108_641_793_536;
const base = `/${MIXTRAL_REPO}/resolve/main`;

let hub: LoopbackHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

async function opened(files: Record<string, HubFile>, id = MIXTRAL_REPO) {
  hub = await startHub(files);
  const explorer = new ExplorerState();
  const state = hubImportOf(explorer);
  state.hubUrl = hub.url;
  const ok = await state.open(id);
  return { explorer, state, ok };
}

describe('opening a model by its Hub id', () => {
  it('reads config.json, shows it, and checks the count against the shard headers: it matches', async () => {
    const { explorer, state, ok } = await opened(mixtralHubFiles());
    expect(ok).toBe(true);
    expect(explorer.result.count.total).toBe(MIXTRAL_TOTAL);
    expect(explorer.modelLabel).toBe('Mixtral-8x7B-v0.1');
    expect(state.error).toBeNull();
    expect(state.progress).toBeNull();
    expect(state.opened?.source).toBe(explorer.config.source);
    expect(state.opened?.summary).toBe(
      `Opened ${MIXTRAL_REPO}: 46.70B parameters in total, 12.88B active per token.`,
    );
    expect(state.opened?.check).toEqual({
      matches: true,
      lines: [
        'Checked against the checkpoint: 995 tensors, total matches to the parameter (46,702,792,704).',
      ],
    });
    // The link names the model, and still carries it for pages that cannot reach the Hub.
    expect(hubLinkOf(explorer.config.source)).toEqual({ model: MIXTRAL_REPO, hubUrl: hub!.url });
    // From the public Hub, the link leaves the address out.
    const query = shareQuery(explorer);
    expect(query).toMatch(new RegExp(`^v=1&hf=${MIXTRAL_REPO}&hub=http://127\\.0\\.0\\.1:\\d+&m=`));
    expect(query).toContain('m=mixtral-8x7b');
  });

  it('a checkpoint that differs names the difference by component, and its stored extras apart', async () => {
    const tensors = mixtralTensors(MIXTRAL_8X7B).filter(
      (t) => !t.name.startsWith('model.layers.0.block_sparse_moe.experts.7.'),
    );
    tensors.push(
      { name: 'model.layers.0.self_attn.rotary_emb.inv_freq', dtype: 'F32', shape: [64] },
      { name: 'model.layers.0.self_attn.q_proj.weight_scale_inv', dtype: 'F32', shape: [32, 32] },
    );
    const files = {
      [`${base}/config.json`]: { body: JSON.stringify(fixtureConfig('mixtral-8x7b')) },
      [`${base}/model.safetensors`]: { body: safetensorsHead(tensors) },
    };
    const { state } = await opened(files);
    const expert = 3 * 4096 * 14336;
    expect(state.opened?.check).toEqual({
      matches: false,
      lines: [
        `Checked against the checkpoint: 994 tensors hold ${(MIXTRAL_TOTAL - expert).toLocaleString('en-US')} parameters, not the count's 46,702,792,704.`,
        `Checkpoint minus count: Routed experts −${expert.toLocaleString('en-US')}.`,
        'Stored apart, not parameters of inference: saved buffers (rotary inv_freq), 1 tensor of 64 values; quantization scales (FP8, MXFP4), 1 tensor of 1,024 values.',
      ],
    });
  });

  it.each([
    [401, /is gated or private \(HTTP 401\): the page cannot read it\. Accept its terms on the Hub, download its config\.json and paste it below\.$/],
    [403, /is gated or private \(HTTP 403\)/],
    [429, /^The Hub is rate-limiting requests \(HTTP 429\): wait a minute and try again, or paste its config\.json below\.$/],
    [500, /config\.json could not be read \(HTTP 500\): try again later, or paste its config\.json below\.$/],
  ])('HTTP %i for config.json: a message that says what to do, and the model stays', async (status, message) => {
    const { explorer, state, ok } = await opened({ [`${base}/config.json`]: { status } });
    expect(ok).toBe(false);
    expect(state.error).toMatch(message);
    expect(explorer.result.count.total).toBe(SCOUT_TOTAL);
    expect(state.progress).toBeNull();
    expect(state.opened).toBeNull();
  }); // prettier-ignore

  it('a missing repo, an unreachable Hub, a config that is not JSON or not supported: each says so', async () => {
    let { state, explorer } = await opened({}, 'acme/none@v2');
    expect(state.error).toBe(
      'acme/none@v2 has no config.json (HTTP 404): check the model id and revision, or paste its config.json below.',
    );
    const url = hub!.url;
    await hub!.close();
    hub = null;
    state.hubUrl = url;
    await state.open(MIXTRAL_REPO);
    expect(state.error).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:\d+ for mistralai\/Mixtral-8x7B-v0\.1@main: check the connection or the Hub address, or paste its config\.json below\.$/);
    ({ state, explorer } = await opened({ [`${base}/config.json`]: { body: '{"model_type": ' } }));
    expect(state.error).toMatch(/^mistralai\/Mixtral-8x7B-v0\.1: config\.json could not be read \(invalid JSON/);
    ({ state, explorer } = await opened({ [`${base}/config.json`]: { body: '{"model_type": "gpt5"}' } }));
    expect(state.error).toMatch(/^mistralai\/Mixtral-8x7B-v0\.1: config\.json: model_type: expected a supported model type.*The model shown is unchanged; check the model id, or paste an edited config\.json below\.$/);
    // Said by the Hub field, not by the paste box.
    expect(explorer.importError).toBeNull();
    expect(explorer.result.count.total).toBe(SCOUT_TOTAL);
  }); // prettier-ignore

  it('a repo without safetensors still shows the model, with the reason it was not checked', async () => {
    const { explorer, state, ok } = await opened(mixtralHubFiles({ only: 'config' }));
    expect(ok).toBe(true);
    expect(explorer.result.count.total).toBe(MIXTRAL_TOTAL);
    expect(state.opened?.check).toEqual({
      matches: null,
      lines: [
        'Not checked against the checkpoint: mistralai/Mixtral-8x7B-v0.1@main has no safetensors checkpoint: the count cannot be checked against its tensors',
      ],
    });
  });

  it('a text that is no model id, and a bad Hub address, are refused before any request', async () => {
    const { state, ok } = await opened({}, 'not an id');
    expect(ok).toBe(false);
    expect(state.error).toMatch(/^"not an id": expected a Hugging Face model id such as/);
    state.hubUrl = 'ftp://x';
    expect(await state.open(MIXTRAL_REPO)).toBe(false);
    expect(state.error).toBe(
      'Hub address: expected an http or https address such as https://huggingface.co, got "ftp://x"',
    );
    expect(hub!.requests).toEqual([]);
  });

  it('a new id stops the request before it; Cancel stops it too, and the model stays', async () => {
    hub = await startHub(mixtralHubFiles());
    const explorer = new ExplorerState();
    const state = hubImportOf(explorer);
    state.hubUrl = hub.url;
    const first = state.open('acme/slow');
    expect(state.progress).toBe(`Reading config.json of acme/slow from ${hub.url}…`);
    const second = state.open(MIXTRAL_REPO);
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    expect(state.error).toBeNull();
    const third = state.open('acme/other');
    state.cancel();
    expect(state.progress).toBeNull();
    expect(await third).toBe(false);
    expect(state.error).toBeNull();
    expect(explorer.result.count.total).toBe(MIXTRAL_TOTAL);
  });
});

describe('a link that names a Hub model', () => {
  it('is read again with its architecture edits, and links made from it keep naming it', async () => {
    hub = await startHub(mixtralHubFiles());
    const hubParam = `hub=${encodeURIComponent(hub.url)}`;
    const { explorer, warnings } = openLink(`?v=1&hf=${MIXTRAL_REPO}&${hubParam}&m=dbrx&L=8`);
    expect(warnings).toEqual([]);
    expect(shareQuery(explorer)).toContain(`hf=${MIXTRAL_REPO}`);
    const lines: string[] = [];
    await openHubLink(explorer, (line) => lines.push(line));
    expect(lines).toEqual([]);
    expect(explorer.result.base.name).toBe('Mixtral-8x7B-v0.1');
    expect(explorer.config.arch).toEqual({ layers: 8 });
    expect(hubImportOf(explorer).opened?.check?.matches).toBe(true);
    expect(shareQuery(explorer)).toMatch(new RegExp(`hf=${MIXTRAL_REPO}&hub=${hub.url}.*&L=8`));
  });

  it("that cannot be read keeps the link's model, and says why for the link's notice", async () => {
    hub = await startHub({ [`${base}/config.json`]: { status: 429 } });
    const hubParam = `hub=${encodeURIComponent(hub.url)}`;
    const { explorer } = openLink(`?v=1&hf=${MIXTRAL_REPO}&${hubParam}&m=mixtral-8x7b&mn=Mine`);
    const lines: string[] = [];
    await openHubLink(explorer, (line) => lines.push(line));
    expect(lines).toEqual([
      "hf: The Hub is rate-limiting requests (HTTP 429): wait a minute and try again, or paste its config.json below; the link's own copy of the model is shown",
    ]);
    expect(explorer.result.base.name).toBe('Mine');
    expect(shareQuery(explorer)).toContain(`hf=${MIXTRAL_REPO}`);
  });

  it.each([
    ['hf=https://huggingface.co/a/b', /^hf: expected org\/name or org\/name@revision, got "https:.*; ignored$/],
    ['hf=a/b&hub=javascript:alert(1)', /^hub: expected an http or https address, got "javascript:alert\(1\)"; hf and hub ignored$/],
    ['hf=%E2%80%AEa/b', /^hf: expected .*\\u202e/],
  ])('a link with %j reads nothing, says why, and links made from it no longer name it', async (query, message) => {
    const { explorer } = openLink(`?v=1&${query}&m=dbrx`);
    const lines: string[] = [];
    await openHubLink(explorer, (line) => lines.push(line));
    expect(lines).toEqual([expect.stringMatching(message)]);
    expect(explorer.config.source).toEqual({ kind: 'preset', id: 'dbrx' });
    expect(shareQuery(explorer)).toBe('v=1&m=dbrx');
  }); // prettier-ignore
});
