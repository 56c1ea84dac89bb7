/**
 * Number inputs accept plain numbers, suffixes and expressions: "131072", "128k", "1M", "10M",
 * "128*1024", "2^20". Plain numbers and suffixes parse at once; anything else goes to mathjs,
 * loaded on first use so the first page load stays small. mathjs' evaluate parses its own
 * grammar and never calls eval or new Function.
 */

const SUFFIX: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };

/** A plain number with an optional binary suffix (k = 1024, M = 2^20, G = 2^30), or null. */
export function parseQuickNumber(text: string): number | null {
  const match = /^\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([kKmMgG]?)\s*$/.exec(
    text.replace(/[_,]/g, ''),
  );
  if (!match) return null;
  return Number(match[1]) * (match[2] ? SUFFIX[match[2].toLowerCase()]! : 1);
}

type Evaluate = (expression: string) => unknown;
let evaluator: Promise<Evaluate> | null = null;

/** mathjs' evaluate with the functions that could change mathjs itself disabled (mathjs security docs). */
function loadEvaluator(): Promise<Evaluate> {
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
 * Evaluates a number field's text. Suffixes inside expressions work too ("2*128k").
 * Returns a message for anything that is not a finite number.
 */
export async function evaluateNumber(text: string): Promise<ParsedNumber> {
  const quick = parseQuickNumber(text);
  if (quick !== null) return check(quick, text);
  if (text.length > 200) return { ok: false, message: 'too long for a number' };
  const expanded = text.replace(
    /(\d+(?:\.\d+)?)\s*([kKmMgG])\b/g,
    (_, n: string, s: string) => `(${n}*${SUFFIX[s.toLowerCase()]})`,
  );
  try {
    const evaluate = await loadEvaluator();
    const value = evaluate(expanded);
    if (typeof value !== 'number') return { ok: false, message: `"${text}" is not a number` };
    return check(value, text);
  } catch {
    return {
      ok: false,
      message: `"${text}" is not a number or an expression like 128*1024, 2^20 or 10M`,
    };
  }
}

function check(value: number, text: string): ParsedNumber {
  return Number.isFinite(value)
    ? { ok: true, value }
    : { ok: false, message: `"${text}" is not a finite number` };
}
