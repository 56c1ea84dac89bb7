/**
 * Every preset's config.json, imported statically: for the library entry (library.ts), the CLI
 * and the tests, which show any preset at once, without waiting for `loadPreset`.
 */
import dbrx from './presets/dbrx.json' with { type: 'json' };
import deepseekV3 from './presets/deepseek-v3.json' with { type: 'json' };
import deepseekV4Flash from './presets/deepseek-v4-flash.json' with { type: 'json' };
import deepseekV4Pro from './presets/deepseek-v4-pro.json' with { type: 'json' };
import gptOss_120b from './presets/gpt-oss-120b.json' with { type: 'json' };
import glm4_5Air from './presets/glm-4.5-air.json' with { type: 'json' };
import glm4_7 from './presets/glm-4.7.json' with { type: 'json' };
import glm5 from './presets/glm-5.json' with { type: 'json' };
import gptOss_20b from './presets/gpt-oss-20b.json' with { type: 'json' };
import kimiK2 from './presets/kimi-k2.json' with { type: 'json' };
import llama3_1_405b from './presets/llama3.1-405b.json' with { type: 'json' };
import llama3_1_70b from './presets/llama3.1-70b.json' with { type: 'json' };
import llama3_1_8b from './presets/llama3.1-8b.json' with { type: 'json' };
import llama4Behemoth from './presets/llama4-behemoth.json' with { type: 'json' };
import llama4Maverick from './presets/llama4-maverick.json' with { type: 'json' };
import minimaxM2_7 from './presets/minimax-m2.7.json' with { type: 'json' };
import mixtral_8x22b from './presets/mixtral-8x22b.json' with { type: 'json' };
import mixtral_8x7b from './presets/mixtral-8x7b.json' with { type: 'json' };
import olmoe_1b_7b from './presets/olmoe-1b-7b.json' with { type: 'json' };
import qwen3_235bA22b from './presets/qwen3-235b-a22b.json' with { type: 'json' };
import qwen3_30bA3b from './presets/qwen3-30b-a3b.json' with { type: 'json' };
import qwen3NextA3b from './presets/qwen3-next-80b-a3b.json' with { type: 'json' };
import { addPresetConfigs } from './presets.ts';

/** Makes every preset's config at hand (their readers: all-readers.ts). */
export function loadAllPresetConfigs(): void {
  addPresetConfigs({
    dbrx: dbrx,
    'deepseek-v3': deepseekV3,
    'deepseek-v4-flash': deepseekV4Flash,
    'deepseek-v4-pro': deepseekV4Pro,
    'glm-4.5-air': glm4_5Air,
    'glm-4.7': glm4_7,
    'glm-5': glm5,
    'gpt-oss-120b': gptOss_120b,
    'gpt-oss-20b': gptOss_20b,
    'kimi-k2': kimiK2,
    'llama3.1-405b': llama3_1_405b,
    'llama3.1-70b': llama3_1_70b,
    'llama3.1-8b': llama3_1_8b,
    'llama4-behemoth': llama4Behemoth,
    'llama4-maverick': llama4Maverick,
    'minimax-m2.7': minimaxM2_7,
    'mixtral-8x22b': mixtral_8x22b,
    'mixtral-8x7b': mixtral_8x7b,
    'olmoe-1b-7b': olmoe_1b_7b,
    'qwen3-235b-a22b': qwen3_235bA22b,
    'qwen3-30b-a3b': qwen3_30bA3b,
    'qwen3-next-80b-a3b': qwen3NextA3b,
  });
}
