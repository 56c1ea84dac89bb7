/**
 * Ids in natural order ("m4-max-36gb" before "m4-max-128gb"): letters as they are, runs of digits
 * by value. Written out because `localeCompare(..., { numeric: true })` at load starts ICU's
 * collator, 6-10 ms of the page's start-up (issue 9).
 */
export function naturalCompare(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const digits = /^\d/.test(p) && /^\d/.test(q);
    if (digits) return Number(p) - Number(q) || p.length - q.length;
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}
