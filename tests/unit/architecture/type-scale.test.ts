/**
 * The page's type keeps to one scale: five text sizes and three weights. Each size and weight
 * that text first appears in costs Chromium a font lookup in the first layout
 * (`FontCache::GetFontPlatformData`, a round trip to the browser process on Linux): with the 16
 * combinations the phone's first screen had, the start-up layouts took twice the time of one
 * size and weight (issue 9, README "Quality"). Charts draw their SVG text at 10 and 11 px; the
 * element's root sets the 16 px its rem sizes are relative to.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SIZES = new Set(['0.8rem', '0.85rem', '1rem', '1.15rem', '1.45rem']);
const CHART_SIZES = new Set(['10px', '11px']);
const WEIGHTS = new Set(['400', '600', '700', 'inherit', 'normal', 'bold']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const styled = walk(join(ROOT, 'src')).filter((f) => /\.(svelte|css)$/.test(f));

/** Every `font-size`, `font-weight` and `font` shorthand size in a file, with its line. */
function fontsOf(file: string): { line: number; kind: 'size' | 'weight'; value: string }[] {
  const text = readFileSync(file, 'utf8');
  const at = (index: number) => text.slice(0, index).split('\n').length;
  return [
    ...[...text.matchAll(/font-size:\s*([^;}\n]+)/g)].map((m) => ({
      line: at(m.index),
      kind: 'size' as const,
      value: m[1]!.trim(),
    })),
    ...[...text.matchAll(/font-weight:\s*([^;}\n]+)/g)].map((m) => ({
      line: at(m.index),
      kind: 'weight' as const,
      value: m[1]!.trim(),
    })),
    // The shorthand: `font: 0.85rem/1.4 ui-monospace, monospace` (not `font: inherit`).
    ...[...text.matchAll(/font:\s*([\d.]+(?:rem|px|em))\//g)].map((m) => ({
      line: at(m.index),
      kind: 'size' as const,
      value: m[1]!,
    })),
  ];
}

describe('the type scale', () => {
  it('text uses the five sizes and three weights, charts their two pixel sizes', () => {
    const off: string[] = [];
    for (const file of styled) {
      const name = relative(ROOT, file);
      const chart = name.startsWith('src/lib/charts/');
      const root = name === 'src/embed/ElementRoot.svelte';
      for (const { line, kind, value } of fontsOf(file)) {
        const allowed =
          kind === 'weight'
            ? WEIGHTS.has(value)
            : SIZES.has(value) ||
              value === 'inherit' ||
              (chart && CHART_SIZES.has(value)) ||
              (root && value === '16px');
        if (!allowed) off.push(`${name}:${line} font-${kind} ${value}`);
      }
    }
    expect(off).toEqual([]);
  });

  it('reads every form it allows, so a size outside the scale is found', () => {
    expect(styled.length).toBeGreaterThan(50);
    const found = styled.flatMap((f) => fontsOf(f).map((x) => `${x.kind} ${x.value}`));
    for (const seen of ['size 0.8rem', 'size 1.45rem', 'weight 600', 'size 11px', 'size 0.85rem'])
      expect(found).toContain(seen);
  });
});
