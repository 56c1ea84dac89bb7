/**
 * Mixtral-8x7B's files as the Hub serves them, for a loopback Hub (hub-server.ts): config.json
 * (tests/fixtures/models/mixtral-8x7b.json), model.safetensors.index.json and two shards, headers
 * only (checkpoint-tensors.ts), under `/<repo>/resolve/<revision>/`.
 */
import { MIXTRAL_8X7B, mixtralTensors, safetensorsHead } from './checkpoint-tensors.ts';
import { fixtureConfig } from './fixtures.ts';
import type { HubFile } from './hub-server.ts';

export const MIXTRAL_REPO = 'mistralai/Mixtral-8x7B-v0.1';

/** The files; `only: 'config'` leaves the checkpoint out (a repo without safetensors). */
export function mixtralHubFiles({
  repo = MIXTRAL_REPO,
  revision = 'main',
  only,
}: { repo?: string; revision?: string; only?: 'config' } = {}): Record<string, HubFile> {
  const base = `/${repo}/resolve/${revision}`;
  const config = {
    [`${base}/config.json`]: { body: JSON.stringify(fixtureConfig('mixtral-8x7b')) },
  };
  if (only === 'config') return config;
  const tensors = mixtralTensors(MIXTRAL_8X7B);
  const parts = [tensors.slice(0, tensors.length >> 1), tensors.slice(tensors.length >> 1)];
  const shards = ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'];
  const weightMap = Object.fromEntries(parts.flatMap((p, i) => p.map((t) => [t.name, shards[i]])));
  return {
    ...config,
    [`${base}/model.safetensors.index.json`]: {
      body: JSON.stringify({ metadata: { total_size: 1 }, weight_map: weightMap }),
    },
    [`${base}/${shards[0]}`]: { body: safetensorsHead(parts[0]!) },
    [`${base}/${shards[1]}`]: { body: safetensorsHead(parts[1]!) },
  };
}
