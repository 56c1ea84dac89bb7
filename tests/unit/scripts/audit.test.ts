import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_PAGE, runsFrom, serveStatic } from '../../../scripts/audit.ts';
import {
  detailLines,
  failingAudits,
  formatControl,
  formatProfile,
  longTasksOf,
  medianRun,
  scoresOf,
  shortfalls,
  type AuditLike,
  type LhrLike,
} from '../../../scripts/audit-report.ts';

const audit = (id: string, score: number | null, rest: Partial<AuditLike> = {}): AuditLike => ({
  id,
  title: `title of ${id}`,
  score,
  scoreDisplayMode: 'binary',
  ...rest,
});

/** A Lighthouse result cut down to what the script reads; figures from a real mobile run. */
const LHR: LhrLike = {
  categories: {
    performance: {
      score: 0.934,
      auditRefs: [
        { id: 'total-blocking-time', weight: 30 },
        { id: 'first-contentful-paint', weight: 10 },
        { id: 'long-tasks', weight: 0 },
        { id: 'render-blocking-insight', weight: 0 },
      ],
    },
    accessibility: { score: 1, auditRefs: [{ id: 'image-alt', weight: 10 }] },
    'best-practices': { score: 0.96, auditRefs: [{ id: 'errors-in-console', weight: 1 }] },
    seo: { score: 1, auditRefs: [{ id: 'is-crawlable', weight: 1 }] },
  },
  audits: {
    'total-blocking-time': audit('total-blocking-time', 1, {
      scoreDisplayMode: 'numeric',
      numericValue: 7.4,
    }),
    'first-contentful-paint': audit('first-contentful-paint', 0.7, {
      scoreDisplayMode: 'numeric',
      displayValue: '2.4 s',
    }),
    'long-tasks': audit('long-tasks', null, {
      scoreDisplayMode: 'informative',
      details: {
        type: 'table',
        items: [
          { url: 'Unattributable', duration: 158, startTime: 644.7 },
          { url: 'http://127.0.0.1/assets/app.js', duration: 684, startTime: 1739.5 },
          { url: 'http://127.0.0.1/assets/app.js', duration: 50, startTime: 3000 },
        ],
      },
    }),
    'render-blocking-insight': audit('render-blocking-insight', 0, {
      scoreDisplayMode: 'metricSavings',
      details: {
        type: 'list',
        items: [
          {
            type: 'table',
            items: [{ url: 'http://127.0.0.1/assets/index.css', wastedMs: 495, totalBytes: 4905 }],
          },
        ],
      },
    }),
    'image-alt': audit('image-alt', null, { scoreDisplayMode: 'notApplicable' }),
    'errors-in-console': audit('errors-in-console', 0, {
      details: { type: 'table', items: [{ source: { url: 'http://x/a.js', line: 3, column: 9 } }] },
    }),
    'is-crawlable': audit('is-crawlable', 1),
  },
};

describe('reading a Lighthouse result', () => {
  it('scoresOf(lhr) gives each category as Lighthouse shows it, 0-100', () => {
    expect(scoresOf(LHR)).toEqual({
      performance: 93,
      accessibility: 100,
      'best-practices': 96,
      seo: 100,
    });
  });

  it('shortfalls() names each category under its bar: performance 95, the others 100', () => {
    expect(shortfalls('mobile', scoresOf(LHR))).toEqual([
      'mobile performance 93 < 95',
      'mobile best-practices 96 < 100',
    ]);
    const good = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
    expect(shortfalls('desktop', good)).toEqual([]);
  });

  it('longTasksOf(lhr) keeps the tasks over 50 ms, longest first', () => {
    expect(longTasksOf(LHR)).toEqual([
      { url: 'http://127.0.0.1/assets/app.js', startMs: 1739.5, durationMs: 684 },
      { url: 'Unattributable', startMs: 644.7, durationMs: 158 },
    ]);
    expect(longTasksOf({ categories: {}, audits: {} })).toEqual([]);
  });

  it('failingAudits() lists the scored audits under 1 with their weight, not the unscored', () => {
    const ids = (c: Parameters<typeof failingAudits>[1]) =>
      failingAudits(LHR, c).map((a) => [a.id, a.weight]);
    expect(ids('performance')).toEqual([
      ['first-contentful-paint', 10],
      ['render-blocking-insight', 0],
    ]);
    expect(ids('accessibility')).toEqual([]);
    expect(ids('best-practices')).toEqual([['errors-in-console', 1]]);
  });

  it('detailLines() names the element or script of each item, inside lists too', () => {
    expect(detailLines(LHR.audits['render-blocking-insight']!.details)).toEqual([
      'http://127.0.0.1/assets/index.css | wastedMs 495 | totalBytes 4905',
    ]);
    const node = { selector: 'th.corner', snippet: '<th scope="col">' };
    expect(detailLines({ type: 'table', items: [{ node }] })).toEqual([
      'th.corner | <th scope="col">',
    ]);
    expect(detailLines({ type: 'network-tree', longestChain: { duration: 243.2 } })).toEqual([
      'longest request chain 243 ms',
    ]);
    const many = { type: 'table', items: Array.from({ length: 5 }, (_, i) => ({ url: `u${i}` })) };
    expect(detailLines(many, 2)).toEqual(['u0', 'u1', '… 3 more']);
    expect(detailLines(undefined)).toEqual([]);
  });

  it('formatProfile() prints scores, blocking time, long tasks and each failing audit', () => {
    const text = formatProfile('mobile', LHR);
    expect(text).toContain(
      'mobile: performance 93, accessibility 100, best-practices 96, seo 100; total blocking time 7 ms',
    );
    expect(text).toContain('684 ms at 1740 ms: http://127.0.0.1/assets/app.js');
    expect(text).toContain('best-practices / errors-in-console (score 0, weight 1)');
    expect(text).toContain('http://x/a.js:3:9');
  });
});

describe('the control page', () => {
  it("has no script, so its long tasks are the browser's own", () => {
    expect(CONTROL_PAGE).not.toMatch(/<script|<link/i);
    expect(CONTROL_PAGE).toMatch(/<title>Control<\/title>/);
  });

  it("formatControl() lists each run's long tasks, or none", () => {
    const tasks = (items: { url: string; duration: number }[]): LhrLike => ({
      categories: {},
      audits: { 'long-tasks': audit('long-tasks', null, { details: { type: 'table', items } }) },
    });
    // Lighthouse 12 on this machine, 2026-12-03: a page with no script, mobile profile
    const line = formatControl([
      tasks([{ url: 'Unattributable', duration: 86.4 }]),
      tasks([{ url: 'Unattributable', duration: 40 }]),
    ]);
    expect(line).toBe(
      'control, a page with no script, mobile: long tasks over 50 ms in each run: 86 ms (Unattributable); none',
    );
  });
});

describe('medianRun(lhrs)', () => {
  const run = (fcp: number, tti: number): LhrLike => ({
    categories: {},
    audits: {
      'first-contentful-paint': audit('first-contentful-paint', 1, { numericValue: fcp }),
      interactive: audit('interactive', 1, { numericValue: tti }),
    },
  });

  it('picks the run nearest the median paint and interactive times, not an outlier', () => {
    const runs = [run(2400, 2500), run(1800, 1900), run(4000, 4200)];
    expect(medianRun(runs)).toBe(runs[0]);
    const two = [run(1000, 1000), run(1200, 1100)];
    expect(two).toContain(medianRun(two));
  });
});

describe('runsFrom(argv)', () => {
  it('reads --runs, 3 by default, and refuses what is not 1 to 9', () => {
    expect(runsFrom([])).toBe(3);
    expect(runsFrom(['--runs', '1'])).toBe(1);
    expect(() => runsFrom(['--runs', 'many'])).toThrow('--runs: expected a whole number');
    expect(() => runsFrom(['--runs', '0'])).toThrow('got 0');
  });
});

describe('serveStatic(dir)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'moe-audit-test-'));
  let base = '';
  let close = () => {};
  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1);'.repeat(50));
    const { url, server } = await serveStatic(dir);
    base = url;
    close = () => server.close();
  });
  afterAll(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A raw GET: status and headers as sent (fetch would hide the encoding). */
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      request(new URL(path, base), { headers }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
      })
        .on('error', reject)
        .end();
    });

  it('serves index.html at / on the loopback interface, not cached', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('gzips when asked and caches hashed assets for a year', async () => {
    const res = await get('/assets/app-1234.js', { 'accept-encoding': 'gzip, br' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/app-1234.js')).headers['content-encoding']).toBeUndefined();
  });

  it('answers 404 for a missing file (robots.txt included), never index.html', async () => {
    expect((await get('/robots.txt')).status).toBe(404);
  });
});
