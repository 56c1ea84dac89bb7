/**
 * The reader type, and the one reader always at hand: Llama 4's, the family of the preset every
 * page and element opens on. Every other family's reader loads on demand, from its module
 * (registry.ts, hf-config.ts `loadFamilyReader`).
 */
import { ConfigError } from '../errors.ts';
import type { ConfigReader } from '../config-reader.ts';
import type { Family, ModelSpec } from '../types.ts';
import { parseLlama4 } from './llama4.ts';

/** Reads one family's config.json (`r` at its top level; `modelType` as written). */
export type FamilyReader = (r: ConfigReader, family: Family, modelType: string) => ModelSpec;
export type FamilyReaders = Partial<Record<Family, FamilyReader>>;

/** Llama 4: the text model sits in text_config, except for a bare "llama4_text" config. */
function readLlama4(r: ConfigReader, _family: Family, modelType: string): ModelSpec {
  const text = modelType === 'llama4_text' ? r : r.child('text_config');
  if (!text) throw new ConfigError('text_config', undefined, 'an object with the text model sizes');
  return parseLlama4(r, text);
}

/** The readers loaded with the core: the default preset's family. */
export const DEFAULT_FAMILY_READERS: FamilyReaders = { llama4: readLlama4 };
