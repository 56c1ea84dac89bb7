/**
 * Hostile inputs for the fuzz suites (tests/unit/fuzz, tests/e2e/fuzz.test.ts): share links
 * and config.json files built from a seed. Sizes at and beyond every limit, nesting, encodings,
 * markup, control and bidi characters, repeats. Pure and deterministic: the same seed gives the
 * same inputs, so a failure names its seed and case and can be replayed.
 */
import { LIMITS, presets } from '../../../src/lib/core/index.ts';
import { KNOWN } from '../../../src/lib/share/link-format.ts';

/** The seed of a fuzz run: FUZZ_SEED from the environment, else a fixed one. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);

/** A small seeded generator (mulberry32): enough to spread cases, and stable across machines. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof random>;

/** Sets `window.__pwned` (or globalThis's) if anything ever runs it. */
const RUN = 'window.__pwned=1';
export const MARKUP = [
  `<img src=x onerror="${RUN}">`,
  `"><script>${RUN}</script>`,
  `javascript:${RUN}`,
  `<svg onload=${RUN}>`,
  `{{constructor.constructor('${RUN}')()}}`,
  '${' + RUN + '}',
];
export const CONTROL = [
  '\u202egnp.exe',
  '\u2066x\u2069',
  '\u001b[2J\u001b[8mhidden',
  '\u001b]52;c;SGVsbG8=\u0007',
  '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '\u0000\u0001\u007f\u0085\u009b',
  '\ud800',
  '\u200b\ufeff',
];
const WORDS = [
  '__proto__', 'constructor', 'prototype', 'toString', 'a'.repeat(300), '', ' ',
  // Values some choice reads: an engine, a speculation, a device, a format, a Hub id.
  'vllm', 'sglang', 'trtllm', 'llamacpp', 'mtp', 'draft', 'h100-sxm', 'rtx-4090',
  'm4-max-128gb', 'fp8', 'nvfp4', 'mxfp4', 'int4', 'run', 'org/model', 'org/model/x.gguf',
]; // prettier-ignore
const NUMBER_TEXTS = [
  '0', '-1', '1', '2.5', 'pi', '1e308', '-1e308', 'Infinity', 'NaN', '0x10', '1e9', '08',
  '9007199254740993', '', ' ', '1,000', '10M', '10Mi', '٣', '1e-9', '-0', '1.4500000000000002',
]; // prettier-ignore

/** Every limit, and one past it. */
const LIMIT_TEXTS = Object.values(LIMITS).flatMap((n) => [String(n), String(n + 1)]);

/** A value a field of a link or a config might be given. */
function hostileText(r: Random): string {
  switch (r.int(4)) {
    case 0:
      return r.pick(NUMBER_TEXTS);
    case 1:
      return r.pick(LIMIT_TEXTS);
    case 2:
      return r.pick([...MARKUP, ...CONTROL]);
    default:
      return r.pick(WORDS);
  }
}

/** config.json field names the families read, and some they do not. */
const CONFIG_FIELDS = [
  ...new Set(presets.flatMap((p) => Object.keys(p.config).concat(nestedKeys(p.config)))),
  'rope_theta',
  'layer_types',
  'mlp_only_layers',
  'moe_layers',
  'no_such_field',
];

function nestedKeys(config: Record<string, unknown>): string[] {
  return Object.entries(config).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.keys(v as object).map((inner) => `${k}.${inner}`)
      : [],
  );
}

/** A JSON value for a config field or an `x.` edit. */
function hostileJson(r: Random): unknown {
  switch (r.int(7)) {
    case 0:
      return Number(r.pick(LIMIT_TEXTS));
    case 1:
      return r.pick([0, -1, 2.5, 1e308, -0, 2 ** 53 + 2, 1e15, 3.7e-7]);
    case 2:
      return hostileText(r);
    case 3:
      return r.pick([null, true, false, [], {}]);
    case 4:
      return Array.from({ length: r.pick([3, 100, 5000]) }, () => r.pick([1, 'full_attention']));
    case 5:
      return { __proto__: { polluted: 1 }, constructor: { prototype: { polluted: 1 } } };
    default:
      return nest(r.pick([10, 70, 300]));
  }
}

const nest = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

/**
 * Every parameter a link may carry (link-format.ts KNOWN): the model, its deployment, engine and
 * host, the pins, the training and plan settings, the Hub and GGUF sources, the presentation.
 */
const KEYS = [...KNOWN];

/** A query string (without "?") of 1 to 10 hostile parameters, sometimes one repeated. */
export function hostileLink(r: Random): string {
  const params: [string, string][] = [];
  if (r.chance(0.8)) params.push(['v', r.chance(0.9) ? '1' : hostileText(r)]);
  if (r.chance(0.6)) params.push(['m', r.pick([...presets.map((p) => p.id), ...WORDS])]);
  for (let i = 0, n = 1 + r.int(8); i < n; i++) {
    const kind = r.int(10);
    if (kind < 6) params.push([r.pick(KEYS), hostileText(r)]);
    else if (kind < 9) params.push([`x.${r.pick(CONFIG_FIELDS)}`, jsonText(hostileJson(r))]);
    else params.push([hostileText(r), hostileText(r)]);
  }
  if (r.chance(0.05)) {
    const [key, value] = params[r.int(params.length)]!;
    for (let i = 0; i < 2000; i++) params.push([key, value]);
  }
  return new URLSearchParams(params).toString();
}

/** JSON text of a value, without stack overflow for deep nesting. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '[]';
  }
}

/** A config.json: a preset's, with 1 to 5 hostile edits, as bytes in some encoding. */
export function hostileConfig(r: Random): { name: string; bytes: Uint8Array } {
  const preset = r.pick(presets);
  const config = structuredClone(preset.config) as Record<string, unknown>;
  for (let i = 0, n = 1 + r.int(5); i < n; i++) {
    const field = r.pick(CONFIG_FIELDS);
    const [outer, inner] = field.split('.') as [string, string | undefined];
    const target = inner ? ((config[outer] ??= {}) as Record<string, unknown>) : config;
    const key = inner ?? outer;
    if (r.chance(0.15)) delete target[key];
    else if (typeof target === 'object' && target) target[key] = hostileJson(r);
  }
  if (r.chance(0.3)) config._name_or_path = `org/${hostileText(r)}`;
  if (r.chance(0.1)) config.model_type = hostileText(r);
  let text = jsonText(config);
  if (r.chance(0.08)) text = text.slice(0, r.int(text.length)); // truncated
  if (r.chance(0.04)) text = '['.repeat(r.pick([65, 1000, 100_000])) + text;
  if (r.chance(0.02)) text = text + ' '.repeat(5 * 2 ** 20); // past the 4 MiB limit
  return { name: `${preset.id}-${hostileText(r).slice(0, 40)}.json`, bytes: encoded(r, text) };
}

/** Text as UTF-8 (with or without a BOM), UTF-16 with a BOM, or with a stray byte. */
function encoded(r: Random, text: string): Uint8Array {
  const utf8 = new TextEncoder().encode(text);
  switch (r.int(6)) {
    case 0: {
      const out = new Uint8Array(3 + utf8.length);
      out.set([0xef, 0xbb, 0xbf]);
      out.set(utf8, 3);
      return out;
    }
    case 1:
    case 2: {
      const le = r.chance(0.5);
      const out = new Uint8Array(2 + text.length * 2);
      out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[2 + 2 * i] = le ? c & 0xff : c >> 8;
        out[3 + 2 * i] = le ? c >> 8 : c & 0xff;
      }
      return out;
    }
    case 3: {
      const out = utf8.slice();
      if (out.length > 0) out[r.int(out.length)] = 0xff;
      return out;
    }
    default:
      return utf8;
  }
}
