/** Test fixtures: real configs (tests/fixtures/models) and their published counts. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHFConfig, type ModelSpec } from '../../../src/lib/core/index.ts';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));
}

export function fixtureConfig(id: string): Record<string, unknown> {
  return readJson(`models/${id}.json`) as Record<string, unknown>;
}

/** The parsed spec of a config in tests/fixtures/models. */
export function fixtureSpec(id: string): ModelSpec {
  return parseHFConfig(fixtureConfig(id));
}

export interface ExpectedParams {
  total: number;
  active: number;
  textTotal?: number;
  mtp?: number;
  activeExcludingEmbedding?: number;
  published: string;
}

export const expectedParams = readJson('expected-params.json') as Record<string, ExpectedParams>;

export const fixtureModelIds = readdirSync(join(FIXTURES, 'models')).map((f) =>
  f.replace(/\.json$/, ''),
);

export interface MoreExpectedParams {
  total: number | null;
  active: number | null;
  headlineTotal?: number;
  headlineActive?: number;
  published: string;
  configSource: string;
}

/** More real configs (tests/fixtures/more-models), collected with their sources; see more-expected-params.json. */
export const moreExpectedParams = Object.fromEntries(
  Object.entries(readJson('more-expected-params.json') as Record<string, unknown>).filter(
    ([k]) => !k.startsWith('_'),
  ),
) as Record<string, MoreExpectedParams>;

export function moreModelConfig(id: string): Record<string, unknown> {
  return readJson(`more-models/${id}.json`) as Record<string, unknown>;
}

export const moreModelIds = readdirSync(join(FIXTURES, 'more-models')).map((f) =>
  f.replace(/\.json$/, ''),
);

/**
 * The fixture configs (both folders) whose `model_type` is one of `types`, sorted: the configs a
 * family's parser reads.
 */
export function fixtureIdsOfType(...types: string[]): { models: string[]; moreModels: string[] } {
  const of = (ids: string[], read: (id: string) => Record<string, unknown>) =>
    ids.filter((id) => types.includes(read(id).model_type as string)).sort();
  return {
    models: of(fixtureModelIds, fixtureConfig),
    moreModels: of(moreModelIds, moreModelConfig),
  };
}
