/**
 * Fuzz (issue 10): hundreds of generated share links and config.json files, from a seed
 * (FUZZ_SEED) and within a time bound (FUZZ_MS), through the code the page, the embed and the
 * CLI run. Every input must end in the calculator or a notice within 1 s of CPU time, with no
 * uncaught error, no polluted prototype and no change to the link that its notice does not name.
 * A failure prints its seed and case: `FUZZ_SEED=<seed> npx vitest run tests/unit/fuzz`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run.ts';
import { HOST_KEYS } from '../../../src/lib/share/host-keys.ts';
import { shown } from '../../../src/lib/share/link-format.ts';
import { readPresentation } from '../../../src/lib/share/presentation.ts';
import { importConfigBytes } from '../../../src/lib/state/import-config.ts';
import { openLink, shareQuery } from '../../../src/lib/state/share.ts';
import { cpuNow } from '../helpers/cpu-clock.ts';
import { FUZZ_SEED, hostileConfig, hostileLink, random } from '../helpers/hostile.ts';

/** The run's bound in CPU time; the suite stops generating when it is spent (at least MIN cases). */
const FUZZ_MS = Number(process.env.FUZZ_MS ?? 20_000);
const MIN_LINKS = 300;
const MIN_CONFIGS = 150;
const CPU_BOUND_MS = 1000;

/** CPU time of `f`, in ms (user + system: it counts no waiting for a core). */
function cpuMs<T>(f: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = f();
  const { user, system } = process.cpuUsage(start);
  return { value, ms: (user + system) / 1000 };
}

/**
 * Two values of a link parameter that mean the same: equal text, or equal numbers (to 12
 * significant digits: a link's 1.4500000000000002 is read as the 1.45 a field shows).
 */
const same = (a: string, b: string) =>
  a === b ||
  (a.trim() !== '' &&
    b.trim() !== '' &&
    Math.abs(Number(a) - Number(b)) <= 1e-12 * Math.abs(Number(b)));

/**
 * The parameters whose value the canonical link changed (dropped, altered or added) without
 * a notice naming them. A default value left out is no change: the canonical link with it
 * put back reads the same.
 */
function unexplained(query: string, warnings: readonly string[], canonical: string): string[] {
  const given = new URLSearchParams(query);
  const kept = new URLSearchParams(canonical);
  const text = warnings.join('\n');
  const counted = /\bmore\b/.test(text); // "and 12 more settings" / "a, b, c and 2 more"
  // A refused config drops every edit of it and its name, with one line saying so.
  const configDropped = text.includes("the link's config is not used");
  // A link longer than a browser carries is refused whole, with one line saying so.
  const linkDropped = text.includes('none of its settings is used');
  const named = (key: string) =>
    linkDropped ||
    text.includes(key) ||
    text.includes(shown(key)) || // a key quoted as the notice shows it
    counted ||
    (configDropped && (key.startsWith('x.') || key === 'mn'));
  const isDefault = (key: string, value: string) => {
    const withIt = new URLSearchParams(canonical);
    withIt.append(key, value);
    const opened = openLink(withIt.toString());
    return opened.warnings.length === 0 && shareQuery(opened.explorer) === canonical;
  };
  const problems: string[] = [];
  for (const key of new Set(given.keys())) {
    const value = given.get(key)!;
    const now = kept.get(key);
    if (now === null ? !isDefault(key, value) : !same(now, value))
      if (!named(key)) problems.push(`${key}=${value.slice(0, 60)} became ${now ?? '(absent)'}`);
  }
  // A key the canonical link adds that it implies changes nothing: one the link opens the same
  // without, and ram, which a link with system RAM always writes (host-link.ts encodeHost) and
  // which stands in for the link's host keys that held defaults (ncmoe=-0 alone: ram=64).
  const hostGiven = HOST_KEYS.some((key) => given.has(key));
  const implied = (key: string) => {
    if (key === 'ram' && hostGiven) return true;
    const without = new URLSearchParams(canonical);
    without.delete(key);
    const opened = openLink(without.toString());
    return opened.warnings.length === 0 && shareQuery(opened.explorer) === canonical;
  };
  for (const key of kept.keys())
    if (!given.has(key) && key !== 'v' && !named(key) && !implied(key))
      problems.push(`${key} was added`);
  return problems;
}

describe(`fuzz: hostile share links and config files (seed ${FUZZ_SEED}, ${FUZZ_MS} ms)`, () => {
  /**
   * Half the time bound for the links, half for the files, from each test's start, in CPU time
   * (user + system), so that a busy machine runs the same cases, only slower.
   */
  const until = () => {
    const end = cpuNow() + FUZZ_MS / 2;
    return () => cpuNow() < end;
  };

  it('every link opens the calculator or the preset with a notice, within 1 s of CPU, and names every setting it changes', () => {
    const r = random(FUZZ_SEED);
    const timeLeft = until();
    let n = 0;
    for (; n < MIN_LINKS || (timeLeft() && n < 2000); n++) {
      const query = hostileLink(r);
      const at = `seed ${FUZZ_SEED}, link ${n}: ?${query.slice(0, 300)}`;
      const { value: opened, ms } = cpuMs(() => openLink(query));
      expect(ms, at).toBeLessThan(CPU_BOUND_MS);
      const total = opened.explorer.result.count.total;
      expect(Number.isSafeInteger(total) && total > 0, at).toBe(true);
      const canonical = shareQuery(opened.explorer);
      // The link it writes back is stable: it opens without a notice, to the same link.
      const again = openLink(canonical);
      expect(again.warnings, `${at}\n  canonical ?${canonical}`).toEqual([]);
      expect(shareQuery(again.explorer), at).toBe(canonical);
      // With embed=1 the embed reads its view, theme and chart itself and adds their notices
      // (EmbedApp.svelte); the page's decode names them only without it.
      const presentation = readPresentation(new URLSearchParams(query));
      const notices = [...opened.warnings, ...(presentation.embed ? presentation.warnings : [])];
      const problems = unexplained(query, notices, canonical).join('; ');
      expect(problems, `${at}\n  canonical ?${canonical}\n  notice: ${notices.join(' | ')}`).toBe(
        '',
      );
      expect(({} as Record<string, unknown>).polluted, at).toBeUndefined();
    }
    console.log(`fuzz: ${n} links (seed ${FUZZ_SEED})`);
  }, 120_000);

  const dir = mkdtempSync(join(tmpdir(), 'moe-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every config file is imported or refused with a message within 1 s of CPU, and the CLI (params, compare) agrees', () => {
    const r = random(FUZZ_SEED + 1);
    const timeLeft = until();
    let n = 0;
    for (; n < MIN_CONFIGS || (timeLeft() && n < 1000); n++) {
      const { name, bytes } = hostileConfig(r);
      const at = `seed ${FUZZ_SEED}, config ${n} (${name.slice(0, 60)}, ${bytes.length} bytes)`;
      const explorer = openLink('v=1').explorer;
      const { value: imported, ms } = cpuMs(() => importConfigBytes(explorer, bytes, name));
      expect(ms, at).toBeLessThan(CPU_BOUND_MS);
      if (imported) expect(Number.isSafeInteger(explorer.result.count.total), at).toBe(true);
      else expect(explorer.importError, at).toMatch(/\S/);
      const file = join(dir, `config-${n}.json`);
      writeFileSync(file, bytes);
      const cli = cpuMs(() => runCli(['params', file, '--json']));
      expect(cli.ms, at).toBeLessThan(CPU_BOUND_MS);
      expect(
        cli.value.code,
        `${at}: page ${imported ? 'imported it' : `said ${explorer.importError}`}; CLI said ${cli.value.stderr}`,
      ).toBe(imported ? 0 : 2);
      if (!imported) expect(cli.value.stderr.trim().split('\n'), at).toHaveLength(1);
      // compare reads the same file as the page imports it, beside a preset: a column or a line.
      const compared = runCli(['compare', file, 'mixtral-8x7b', '--json']);
      expect(compared.code, `${at}: compare said ${compared.stderr}`).toBe(imported ? 0 : 2);
      expect(({} as Record<string, unknown>).polluted, at).toBeUndefined();
    }
    console.log(`fuzz: ${n} config files (seed ${FUZZ_SEED})`);
  }, 120_000);
});
