/**
 * Numbers as people type them, the one parser of the explorer's fields and the CLI's token
 * options: "131072", "1_000_000", "1e6", with one convention for suffixes, the one the page
 * displays and links use: k, M and G (or B) are decimal ("10M" is 10,000,000), Ki, Mi and Gi
 * binary ("128Ki" is 131,072, "10Mi" is 10,485,760, as context lengths are often quoted). Anything else
 * ("128*1024", "2^20", "2*128k") is an expression, evaluated by mathjs, loaded on first use so
 * the first page load stays small; mathjs' evaluate parses its own grammar and never calls
 * eval or new Function.
 */
import { ConfigError } from '../model/errors.ts';

/** Decimal (SI) and binary (IEC) multipliers, keyed in lower case. */
const SUFFIX: Readonly<Record<string, number>> = {
  k: 1e3,
  m: 1e6,
  g: 1e9,
  b: 1e9,
  ki: 2 ** 10,
  mi: 2 ** 20,
  gi: 2 ** 30,
};
const SUFFIX_PATTERN = '(?:[kmg]i|[kmgb])';
const PLAIN = new RegExp(
  `^\\s*(-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)\\s*(${SUFFIX_PATTERN})?\\s*$`,
  'i',
);
const SUFFIXED = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${SUFFIX_PATTERN})\\b`, 'gi');

/**
 * A plain number with an optional suffix, or null when the text is anything else.
 *
 * @example parseNumberText('128k') // 128_000
 * @example parseNumberText('128Ki') // 131_072
 * @example parseNumberText('1_000_000') // 1_000_000
 */
export function parseNumberText(text: string): number | null {
  const match = PLAIN.exec(text.replace(/[_,]/g, ''));
  if (!match) return null;
  return Number(match[1]) * (match[2] ? SUFFIX[match[2].toLowerCase()]! : 1);
}

/**
 * A token count: a whole number >= 1, as `parseNumberText` reads it. Throws ConfigError naming
 * `field` otherwise.
 *
 * @example parseTokenCount('128Ki') // 131_072
 * @example parseTokenCount('10M') // 10_000_000
 */
export function parseTokenCount(text: string, field = 'context'): number {
  const value = parseNumberText(text);
  if (value === null)
    throw new ConfigError(
      field,
      text,
      'a token count such as 131072, 128k (128,000), 128Ki (131,072) or 10M',
    );
  if (!Number.isSafeInteger(value) || value < 1)
    throw new ConfigError(field, text, 'a whole number of tokens >= 1');
  return value;
}

type Evaluate = (expression: string) => unknown;
let evaluator: Promise<Evaluate> | null = null;

/** mathjs' evaluate with the functions that could change mathjs itself disabled (mathjs security docs). */
export function loadEvaluator(): Promise<Evaluate> {
  evaluator ??= import('mathjs').then(({ create, all }) => {
    const math = create(all!);
    const evaluate = math.evaluate.bind(math);
    const disabled = () => {
      throw new Error('not allowed in a number field');
    };
    math.import(
      {
        import: disabled,
        createUnit: disabled,
        evaluate: disabled,
        parse: disabled,
        simplify: disabled,
        derivative: disabled,
      },
      { override: true },
    );
    return (expression: string) => evaluate(expression);
  });
  return evaluator;
}

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

/**
 * Evaluates a number field's text: a plain number at once, an expression through mathjs.
 * Suffixes inside expressions work too ("2*128k"). Anything that is not a finite number gives
 * a message.
 */
export async function evaluateNumber(text: string): Promise<ParsedNumber> {
  const quick = parseNumberText(text);
  if (quick !== null) return checkFinite(quick, text);
  if (text.length > 200) return { ok: false, message: 'too long for a number' };
  const expanded = text.replace(
    SUFFIXED,
    (_, n: string, s: string) => `(${n}*${SUFFIX[s.toLowerCase()]})`,
  );
  try {
    const evaluate = await loadEvaluator();
    const value = evaluate(expanded);
    if (typeof value !== 'number') return { ok: false, message: `"${text}" is not a number` };
    return checkFinite(value, text);
  } catch {
    return {
      ok: false,
      message: `"${text}" is not a number or an expression like 128*1024, 2^20 or 10M`,
    };
  }
}

function checkFinite(value: number, text: string): ParsedNumber {
  return Number.isFinite(value)
    ? { ok: true, value }
    : { ok: false, message: `"${text}" is not a finite number` };
}
