/**
 * Where each family's reader lives: one module per modeling file, loaded on demand
 * (hf-config.ts `loadFamilyReader`), so that the page and the <moe-explorer> element download
 * the reader of the model they show and no other. Llama 4's, the default preset's, is always at
 * hand (readers.ts); the library entry, the CLI and the tests load every module up front
 * (all-readers.ts).
 */
import type { ConfigReader } from '../config-reader.ts';
import type { Family, ModelSpec } from '../types.ts';
import type { FamilyReaders } from './readers.ts';

/** A module's reader: its parse function, given the family of the config's model_type. */
export type ModuleReader<F extends Family = Family> = (r: ConfigReader, family: F) => ModelSpec;

/** One family module: the families it reads, and how to load its reader. */
export interface FamilyModule {
  families: readonly Family[];
  load: () => Promise<ModuleReader>;
}

/** A family module by its importer: each exports its reader as `read`. */
const module = <F extends Family>(
  families: readonly F[],
  load: () => Promise<{ read: ModuleReader<F> }>,
): FamilyModule => ({ families, load: () => load().then((m) => m.read as ModuleReader) });

/** Every family module but Llama 4's, by the file it loads. */
export const FAMILY_MODULES = {
  llama: module(['llama', 'mistral'], () => import('./llama.ts')),
  mixtral: module(['mixtral', 'phimoe'], () => import('./mixtral.ts')),
  'qwen-moe': module(['qwen2_moe', 'qwen3_moe'], () => import('./qwen-moe.ts')),
  deepseek: module(
    ['deepseek_v2', 'deepseek_v3', 'deepseek_v32', 'kimi_k2'],
    () => import('./deepseek.ts'),
  ),
  dbrx: module(['dbrx'], () => import('./dbrx.ts')),
  'gpt-oss': module(['gpt_oss'], () => import('./gpt-oss.ts')),
  olmoe: module(['olmoe'], () => import('./olmoe.ts')),
  'qwen3-vl': module(['qwen3_vl_moe'], () => import('./qwen3-vl.ts')),
  granitemoe: module(['granitemoe', 'granitemoeshared'], () => import('./granitemoe.ts')),
  'glm4-moe': module(['glm4_moe', 'glm4_moe_lite'], () => import('./glm4-moe.ts')),
  dots1: module(['dots1'], () => import('./dots1.ts')),
  'minimax-m2': module(['minimax_m2'], () => import('./minimax-m2.ts')),
  ernie: module(['ernie4_5_moe'], () => import('./ernie.ts')),
  bailing: module(['bailing_moe'], () => import('./bailing.ts')),
  hunyuan: module(['hunyuan_v1_moe'], () => import('./hunyuan.ts')),
  'qwen3-next': module(['qwen3_next'], () => import('./qwen3-next.ts')),
  'glm-moe-dsa': module(['glm_moe_dsa'], () => import('./glm-moe-dsa.ts')),
  'qwen3-5-moe': module(['qwen3_5_moe'], () => import('./qwen3-5-moe.ts')),
  'kimi-linear': module(['kimi_linear'], () => import('./kimi-linear.ts')),
  jamba: module(['jamba'], () => import('./jamba.ts')),
  'nemotron-h': module(['nemotron_h'], () => import('./nemotron-h.ts')),
  granitemoehybrid: module(['granitemoehybrid'], () => import('./granitemoehybrid.ts')),
  minimax: module(['minimax'], () => import('./minimax.ts')),
  'longcat-flash': module(['longcat_flash'], () => import('./longcat-flash.ts')),
  'deepseek-v4': module(['deepseek_v4'], () => import('./deepseek-v4.ts')),
} satisfies Record<string, FamilyModule>;

export type FamilyModuleName = keyof typeof FAMILY_MODULES;

/** The module that reads a family, or undefined for Llama 4's (always at hand). */
export function familyModuleOf(family: Family): FamilyModuleName | undefined {
  for (const [name, module] of Object.entries(FAMILY_MODULES))
    if (module.families.includes(family)) return name as FamilyModuleName;
  return undefined;
}

/** A module's reader as parseHFConfig calls it, for each family it reads. */
export function moduleReaders(module: FamilyModule, read: ModuleReader): FamilyReaders {
  return Object.fromEntries(
    module.families.map((family) => [family, (r: ConfigReader) => read(r, family)]),
  );
}
