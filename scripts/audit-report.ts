/**
 * Reading a Lighthouse result for the audit (scripts/audit.ts): each category's score against
 * its bar, the long tasks, the audits that do not pass and what they found, one line each, the
 * median run as Lighthouse CI picks it, and the control page's long tasks.
 */

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Profile = 'mobile' | 'desktop';
/** The lowest passing score (0-100) of each category. */
export const THRESHOLDS: Record<Category, number> = {
  performance: 95,
  accessibility: 100,
  'best-practices': 100,
  seo: 100,
};

/** The part of a Lighthouse result (LHR) this script reads. */
export interface AuditLike {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  numericValue?: number;
  explanation?: string;
  details?: unknown;
}
export interface LhrLike {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, AuditLike>;
  environment?: { benchmarkIndex?: number };
}

/** Each category's score as Lighthouse shows it, 0-100 (a category that did not run: 0). */
export function scoresOf(lhr: LhrLike): Record<Category, number> {
  const score = (c: Category) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
  return Object.fromEntries(CATEGORIES.map((c) => [c, score(c)])) as Record<Category, number>;
}

/** What falls short of THRESHOLDS, one line each, e.g. "mobile performance 81 < 95". */
export function shortfalls(profile: Profile, scores: Record<Category, number>): string[] {
  return CATEGORIES.filter((c) => scores[c] < THRESHOLDS[c]).map(
    (c) => `${profile} ${c} ${scores[c]} < ${THRESHOLDS[c]}`,
  );
}

/** The main-thread tasks over 50 ms, from Lighthouse's long-tasks audit, longest first. */
export function longTasksOf(lhr: LhrLike): { url: string; startMs: number; durationMs: number }[] {
  const details = lhr.audits['long-tasks']?.details as { items?: Record<string, unknown>[] };
  return (details?.items ?? [])
    .map((item) => ({
      url: String(item.url ?? ''),
      startMs: Number(item.startTime ?? 0),
      durationMs: Number(item.duration ?? 0),
    }))
    .filter((t) => t.durationMs > 50)
    .sort((a, b) => b.durationMs - a.durationMs);
}

const UNSCORED = new Set(['informative', 'notApplicable', 'manual']);

/** The audits of a category that do not pass, with their weight in its score (0: advice). */
export function failingAudits(
  lhr: LhrLike,
  category: Category,
): (AuditLike & { weight: number })[] {
  return (lhr.categories[category]?.auditRefs ?? []).flatMap((ref) => {
    const audit = lhr.audits[ref.id];
    if (!audit) return [];
    const failed =
      audit.scoreDisplayMode === 'error' ||
      (!UNSCORED.has(audit.scoreDisplayMode) && audit.score !== null && audit.score < 1);
    return failed ? [{ ...audit, weight: ref.weight }] : [];
  });
}

/** Where an item of an audit's details points: the element, the script or the label. */
function whereOf(item: Record<string, unknown>): string[] {
  const node = item.node as { selector?: string; snippet?: string } | undefined;
  const source = item.source as { url?: string; line?: number; column?: number } | undefined;
  const text = (key: string) => (typeof item[key] === 'string' ? (item[key] as string) : undefined);
  return [
    node?.selector,
    node?.snippet?.slice(0, 140),
    text('url'),
    source?.url ? `${source.url}:${source.line ?? 0}:${source.column ?? 0}` : undefined,
    text('label') ??
      text('groupLabel') ??
      text('statistic') ??
      text('phase') ??
      text('description'),
  ].filter((s): s is string => Boolean(s));
}

const COSTS = [
  'wastedBytes',
  'wastedMs',
  'totalBytes',
  'duration',
  'total',
  'timing',
  'reflowTime',
];

/** One line per item of an audit's details: the element or the script, and what it costs. */
export function detailLines(details: unknown, limit = 8): string[] {
  const d = details as { type?: string; items?: unknown[]; value?: unknown } | undefined;
  if (d?.type === 'list-section') return detailLines(d.value, limit);
  if (d?.type === 'network-tree') {
    const longest = (d as { longestChain?: { duration?: number } }).longestChain?.duration;
    return longest === undefined ? [] : [`longest request chain ${Math.round(longest)} ms`];
  }
  if (!d?.items) return [];
  // A 'list' holds other details (Lighthouse's insights): their items, in order.
  if (d.type === 'list') return d.items.flatMap((item) => detailLines(item, limit)).slice(0, limit);
  const lines = d.items.map((raw) => {
    const item = raw as Record<string, unknown>;
    const value = item.value as { value?: unknown } | undefined;
    const costs = COSTS.filter((k) => typeof item[k] === 'number').map(
      (k) => `${k} ${Math.round(item[k] as number)}`,
    );
    if (typeof value?.value === 'number') costs.push(`value ${value.value}`);
    return [...whereOf(item), ...costs].join(' | ') || JSON.stringify(item).slice(0, 160);
  });
  const more = lines.length > limit ? [`… ${lines.length - limit} more`] : [];
  return lines.slice(0, limit).concat(more);
}

/** The report of one profile: scores, blocking time, long tasks, failing audits. */
export function formatProfile(profile: Profile, lhr: LhrLike): string {
  const scores = scoresOf(lhr);
  const tbt = Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0);
  const out = [
    `${profile}: ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}; total blocking time ${tbt} ms`,
    `  benchmark index of this machine ${Math.round(lhr.environment?.benchmarkIndex ?? 0)} (simulated times scale with it)`,
    `  long tasks over 50 ms:`,
    ...longTasksOf(lhr).map(
      (t) => `    ${Math.round(t.durationMs)} ms at ${Math.round(t.startMs)} ms: ${t.url || '?'}`,
    ),
    `  main-thread time by script (bootup-time), largest contentful paint element:`,
    ...['bootup-time', 'largest-contentful-paint-element'].flatMap((id) =>
      detailLines(lhr.audits[id]?.details, 5).map((line) => `    ${line}`),
    ),
  ];
  for (const category of CATEGORIES) {
    for (const a of failingAudits(lhr, category)) {
      const value = [a.displayValue, a.explanation].filter(Boolean).join('; ');
      const head = `  ${category} / ${a.id} (score ${a.score ?? 'error'}, weight ${a.weight})`;
      out.push(`${head}: ${a.title}${value ? ` — ${value}` : ''}`);
      out.push(...detailLines(a.details).map((line) => `      ${line}`));
    }
  }
  return out.join('\n');
}

/**
 * The run closest to the median first contentful paint and time to interactive, as Lighthouse
 * CI picks it (Lighthouse's core/lib/median-run.js): less swayed by one slow start than a score.
 */
export function medianRun<T extends LhrLike>(lhrs: T[]): T {
  const value = (lhr: LhrLike, id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const median = (id: string) => {
    const v = lhrs.map((lhr) => value(lhr, id)).sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
  };
  const [fcp, tti] = [median('first-contentful-paint'), median('interactive')];
  const distance = (lhr: LhrLike) =>
    (value(lhr, 'first-contentful-paint') - fcp) ** 2 + (value(lhr, 'interactive') - tti) ** 2;
  return lhrs.reduce((best, lhr) => (distance(lhr) < distance(best) ? lhr : best));
}

/** The control's report: its long tasks, e.g. "control (a page with no script): 1 long task: 86 ms (Unattributable)". */
export function formatControl(lhrs: LhrLike[]): string {
  const runs = lhrs.map((lhr) => {
    const tasks = longTasksOf(lhr);
    const list = tasks.map((t) => `${Math.round(t.durationMs)} ms (${t.url || '?'})`).join(', ');
    return tasks.length === 0 ? 'none' : list;
  });
  return `control, a page with no script, mobile: long tasks over 50 ms in each run: ${runs.join('; ')}`;
}
