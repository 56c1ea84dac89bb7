/**
 * Every command line the README shows (`npm run --silent cli -- ...`, with its `\` continuations)
 * runs and exits 0, so that the documentation cannot drift from the options. A placeholder path
 * reads a fixture config, and a Hugging Face model id reads that model's config.json from a
 * loopback Hub (helpers/hub-server.ts): nothing reaches the network.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../../../src/cli/run.ts';
import { FIXTURES, fixtureConfig } from '../helpers/fixtures.ts';
import { startHub, type LoopbackHub } from '../helpers/hub-server.ts';

const README = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
const PREFIX = 'npm run --silent cli -- ';

/** The README's CLI lines: continuations joined, comments dropped, split into words. */
function examples(): string[][] {
  const joined = README.replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .filter((line) => line.startsWith(PREFIX))
    .map((line) => line.slice(PREFIX.length).replace(/\s+#.*$/, ''))
    .map((line) => line.trim().split(/\s+/));
}

/** The configs the README's model ids name, as the loopback Hub serves them. */
const HUB_CONFIGS: Record<string, Record<string, unknown>> = {
  'Qwen/Qwen3-30B-A3B': fixtureConfig('qwen3-30b-a3b'),
  'openai/gpt-oss-20b': fixtureConfig('gpt-oss-20b'),
};

let hub: LoopbackHub;
beforeAll(async () => {
  hub = await startHub(
    Object.fromEntries(
      Object.entries(HUB_CONFIGS).map(([repo, config]) => [
        `/${repo}/resolve/main/config.json`,
        { body: JSON.stringify(config) },
      ]),
    ),
  );
});
afterAll(() => hub.close());

/** A README line made runnable here: the placeholder path a fixture, any Hub this loopback one. */
function runnable(words: readonly string[]): string[] {
  const out = words.map((w) =>
    w === 'path/to/config.json' ? join(FIXTURES, 'models', 'mixtral-8x7b.json') : w,
  );
  const at = out.indexOf('--hub-url');
  if (at >= 0) out[at + 1] = hub.url;
  return out;
}

describe('the README’s command lines', () => {
  const lines = examples();
  it('are found: every command the CLI has is shown at least once', () => {
    expect(lines.length).toBeGreaterThanOrEqual(20);
    for (const command of ['params', 'serve', 'train', 'plan', 'compare'])
      expect(lines.some((words) => words[0] === command)).toBe(true);
  });

  it.each(lines.map((words) => [words.join(' '), words] as const))(
    '%s',
    async (_line, words) => {
      const out = await runCliAsync(runnable(words), { HF_ENDPOINT: hub.url });
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      expect(out.stdout.length).toBeGreaterThan(0);
    },
    60_000,
  );
});
