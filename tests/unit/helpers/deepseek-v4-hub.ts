/**
 * DeepSeek-V4-Flash's files as the Hub serves them, for a loopback Hub (hub-server.ts): its
 * config.json (tests/fixtures/new-families/deepseek-v4-flash.config.json),
 * model.safetensors.index.json and 46 shards, headers only, with the tensor list of
 * deepseek-v4-checkpoint-tensors.ts (FP4 experts as I8 pairs, FP8 scales, I64 hash tables, the
 * MTP module), under `/<repo>/resolve/<revision>/`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { safetensorsHead } from './checkpoint-tensors.ts';
import { deepseekV4Tensors, type V4Shape } from './deepseek-v4-checkpoint-tensors.ts';
import { FIXTURES } from './fixtures.ts';
import type { HubFile } from './hub-server.ts';

export const V4_FLASH_REPO = 'deepseek-ai/DeepSeek-V4-Flash';

/** The repo's files at `main`, its tensors in 46 shards as the published checkpoint has. */
export function deepseekV4FlashHubFiles(): Record<string, HubFile> {
  const base = `/${V4_FLASH_REPO}/resolve/main`;
  const text = readFileSync(
    join(FIXTURES, 'new-families', 'deepseek-v4-flash.config.json'),
    'utf8',
  );
  const tensors = deepseekV4Tensors(JSON.parse(text) as V4Shape);
  const shards = 46;
  const size = Math.ceil(tensors.length / shards);
  const files: Record<string, HubFile> = { [`${base}/config.json`]: { body: text } };
  const weightMap: Record<string, string> = {};
  for (let s = 0; s < shards; s++) {
    const file = `model-${String(s + 1).padStart(5, '0')}-of-00046.safetensors`;
    const part = tensors.slice(s * size, (s + 1) * size);
    for (const t of part) weightMap[t.name] = file;
    files[`${base}/${file}`] = { body: safetensorsHead(part) };
  }
  files[`${base}/model.safetensors.index.json`] = {
    body: JSON.stringify({ metadata: { total_size: 159_609_485_896 }, weight_map: weightMap }),
  };
  return files;
}
