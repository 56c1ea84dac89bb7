import { describe, expect, it } from 'vitest';
import {
  addServingModel,
  benchmarkRunFor,
  pageFigure,
  PUBLISHED_SERVING_RUNS,
  resolveExplorer,
  SERVING_MODEL,
  wholeRun,
  type PublishedServingRun,
} from '../../../src/lib/core/index.ts';
import { decode } from '../../../src/lib/share/url-codec.ts';
import { explorerLink } from '../../../scripts/explorer-link.ts';
import { linkedDeployment } from '../../../scripts/published-link.ts';

addServingModel(SERVING_MODEL); // as the page does when it opens a link

/** What the page shows for a row's figure, opened from its link. */
function pageFigureOf(r: PublishedServingRun): number {
  const { config, warnings } = decode(r.link!.slice(1));
  expect(warnings, r.id).toEqual([]);
  const result = resolveExplorer(config);
  expect(result.servingError, r.id).toBeNull();
  const d = config.deployment;
  const finite = d.runPrompts != null ? benchmarkRunFor(result.spec, d) : null;
  return pageFigure(r.figure, result.serving, wholeRun(result.resolved, d), finite) ?? NaN;
}

describe('the published runs’ links to the explorer', () => {
  const linked = PUBLISHED_SERVING_RUNS.filter((r) => r.link !== null);

  it('link a hundred runs or more, each to its preset', () => {
    expect(linked.length).toBeGreaterThanOrEqual(100);
    for (const r of linked) {
      const { source } = decode(r.link!.slice(1)).config;
      expect(source, r.id).toEqual({ kind: 'preset', id: r.preset });
    }
  });

  it('open on the page to the explorer’s own figure for the run', () => {
    const off = linked
      .map((r) => ({ id: r.id, measure: r.measure, page: pageFigureOf(r), explorer: r.explorer }))
      .filter((f) => !(Math.abs(f.page / f.explorer - 1) < 1e-3));
    expect(off).toEqual([]);
  });

  it('are left out where a flag has no page setting that means the same', () => {
    const base = ['--gpu', 'h200', '--gpus', '8', '--weights', 'fp8', '--batch', '64'];
    expect(linkedDeployment(base)).not.toBeNull();
    expect(linkedDeployment([...base, '--gpu-memory-utilization', '0.85'])).toMatchObject({
      memoryFraction: 0.85,
    });
    expect(linkedDeployment([...base, '--max-batched-tokens', '8192'])).toMatchObject({
      batchedTokens: 8192,
    });
    expect(linkedDeployment([...base, '--eager-us', '80'])).toBeNull();
    // Answers from a shortest length: the page's spread and bounds, the context holding the
    // longest (uniform: 2 x 500 - 400 = 600 after the 1,000-token prompt).
    const run = [...base, '--input', '1000', '--output', '500', '--prompts', '50'];
    expect(linkedDeployment([...run, '--output-min', '400'])).toMatchObject({
      answerSpread: 'uniform',
      shortestAnswer: 400,
      contextTokens: 1600,
    });
    expect(
      linkedDeployment([...run, '--output-spread', 'exponential', '--output-max', '2000']),
    ).toMatchObject({ answerSpread: 'exponential', shortestAnswer: null, longestAnswer: 2000 });
    // A --context too short for the longest answer: the page would narrow the answers.
    expect(linkedDeployment([...run, '--output-min', '400', '--context', '1500'])).toBeNull();
    // --nodes: the devices per node, 16 over 2 nodes.
    expect(
      linkedDeployment(['--gpu', 'h200', '--nodes', '2', '--weights', 'fp8', '--batch', '1']),
    ).toMatchObject({ devices: 16, gpusPerNode: 8 });
    // A rate run without --batch: the CLI sets the estimate at the run's mean concurrency.
    expect(
      linkedDeployment([
        '--gpu',
        'h200',
        '--input',
        '1000',
        '--output',
        '500',
        '--prompts',
        '50',
        '--request-rate',
        '2',
      ]),
    ).toBeNull();
    // vLLM before 0.14 schedules synchronously, before 0.11 on piecewise graphs: page settings.
    expect(
      linkedDeployment([...base, '--engine', 'vllm', '--engine-version', '0.10.2']),
    ).toMatchObject({
      syncScheduling: true,
      piecewiseGraphs: true,
    });
    expect(
      linkedDeployment([...base, '--engine', 'sglang', '--engine-version', '0.5.6']),
    ).toMatchObject({
      eagerPrefill: true,
    });
  });

  it('leave out a widened context where it changes the figure', () => {
    // ShareGPT's answers on one H100 (GPUStack's gpt-oss-120b run): the longest, 1,497 tokens,
    // widens the context from 215 + 197; at that context the KV cache holds fewer than the
    // 1,000 the CLI runs, so the run's figures would differ, and the steady state's always do.
    const share = ['--input', '215', '--output', '197', '--prompts', '1000'];
    const tail = ['--output-spread', 'exponential', '--output-min', '4', '--output-max', '2044'];
    const h100 = ['--gpu', 'h100-sxm', '--gpus', '1', '--weights', 'bf16'];
    const oss = [...h100, '--expert-weights', 'mxfp4', '--engine', 'sglang', ...share, ...tail];
    expect(explorerLink('gpt-oss-120b', [...oss, '--batch', '1000'])).toBeNull();
    const few = [...oss, '--batch', '16'];
    expect(explorerLink('gpt-oss-120b', few)).toMatch(/ws=exponential.*wmin=4.*wmax=2044/);
    expect(explorerLink('gpt-oss-120b', few, true)).toBeNull();
  });

  it('say how a run’s answers spread, where they do', () => {
    // InferenceX's "1k1k" at --random-range-ratio 0.8: 922 out on average, from 819 to 1,025.
    const ix = PUBLISHED_SERVING_RUNS.find(
      (r) => r.id === 'ix-dsr1-fp8-8xh200-sglang0512-tp8-1k1k-c64',
    );
    expect(ix?.run).toBe('batch 64 · 922 in, 922 out (819 to 1025) · 640 prompts');
    const chat = PUBLISHED_SERVING_RUNS.find(
      (r) => r.id === 'b31-gpustack-gptoss120b-h100x1-sglang053-sharegpt-all1000',
    );
    expect(chat?.run).toBe('batch 1000 · 215 in, 197 out (long-tailed, 4 to 2044) · 1000 prompts');
  });
});
