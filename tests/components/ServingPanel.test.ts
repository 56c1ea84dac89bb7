import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import {
  benchmarkRunFor,
  DEFAULT_HOST_SETTINGS,
  formatLocalTrackRecord,
  defaultConfig,
  type DeploymentSettings,
} from '../../src/lib/core/index.ts';
import { BenchmarkRunState } from '../../src/lib/state/benchmark-run.svelte.ts';
import type { RunRunner } from '../../src/lib/state/run-client.ts';
import ServingPanel from '../../src/lib/components/ServingPanel.svelte';
import { ExplorerState } from '../../src/lib/state/explorer.svelte.ts';
import { ServingPanelState } from '../../src/lib/state/serving-panel.svelte.ts';

// jsdom measures every element 0 px wide, so ChartFrame draws no SVG here: these tests read
// what a screen reader gets (heading, captions, text alternatives, legends, verdict, alert).
// The charts themselves are looked at in Chromium (tests/e2e).

function explorerFor(presetId: string, deployment: Partial<DeploymentSettings> = {}) {
  const config = defaultConfig(presetId);
  return new ExplorerState({ ...config, deployment: { ...config.deployment, ...deployment } });
}

/** gpt-oss-120b on 8 x B200 under SGLang, 100 in flight, requests of 300 tokens in and 200 out. */
const gptOssRun = (deployment: Partial<DeploymentSettings> = {}) =>
  explorerFor('gpt-oss-120b', {
    deviceId: 'b200',
    devices: 8,
    tp: 8,
    engine: 'sglang',
    contextTokens: 4096,
    batch: 100,
    promptTokens: 300,
    answerTokens: 200,
    ...deployment,
  });

/** The chart whose caption starts with `title` (jsdom names no figure after its figcaption). */
function figure(title: RegExp) {
  const chart = screen
    .getAllByRole('figure')
    .find((f) => title.test(f.querySelector('figcaption')?.textContent ?? ''));
  if (!chart) throw new Error(`no chart titled ${title}`);
  return chart;
}

describe('ServingPanel', () => {
  it('Llama 4 Scout on 8 x H100 shows its four charts with their key numbers in words, and that it fits', () => {
    render(ServingPanel, { explorer: new ServingPanelState(new ExplorerState()) });
    const section = screen.getByRole('region', { name: 'Serving' });
    expect(section).toContainElement(screen.getByRole('heading', { level: 2, name: 'Serving' }));

    // Figures from serving.ts for the default deployment (128k context, batch 1, BF16).
    expect(figure(/Memory per device/)).toHaveTextContent(
      'The busiest NVIDIA H100 SXM 80GB holds 27.2 GB of weights, 956.3 MB of KV cache and 10.8 GB of activations and runtime: 39.0 GB of the 77.0 GB usable',
    );
    // The "10M" question: hybrid cache 6,317,104 tokens, full cache 1,585,408 (maxContextTokens;
    // the hybrid figure is derived in tests/unit/share/questions.test.ts).
    expect(figure(/Memory against context length/)).toHaveTextContent(
      'Hybrid layout fits up to 6.32M tokens, full layout up to 1.59M tokens, on 8 × NVIDIA H100 SXM 80GB at batch 1.',
    );
    expect(figure(/Decode throughput against batch size/)).toHaveTextContent(
      'decodes 142 tokens/s in all, 142 per sequence. Memory allows up to 40 sequences',
    );
    expect(figure(/Cost per million output tokens/)).toHaveTextContent(
      '$42.20 per million output tokens at batch 1, $5.43 at batch 40 (the most that fits), at $2.69 per device-hour.',
    );
    expect(screen.getByText(/^Fits: 39\.0 GB of 77\.0 GB usable/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says where the host’s launches set the pace: gpt-oss-120b on one A100 under piecewise CUDA graphs', () => {
    const text = (piecewiseGraphs: boolean) => {
      const explorer = explorerFor('gpt-oss-120b', {
        deviceId: 'a100-80gb',
        devices: 1,
        contextTokens: 1024,
        batch: 1,
        piecewiseGraphs,
      });
      const { unmount } = render(ServingPanel, { explorer: new ServingPanelState(explorer) });
      const said = figure(/Decode throughput against batch size/).textContent ?? '';
      unmount();
      return said;
    };
    // 36 layers x 384 us = 13.8 ms a step, longer than the device's 6.6 ms at batch 1 (step.ts).
    expect(text(true)).toMatch(
      /decodes 72\.3 tokens\/s in all, 72\.3 per sequence\. The host's launches set the pace here, not the device: up to batch \d+ a step takes the same time, so throughput grows with the batch\./,
    );
    expect(text(false)).not.toContain('launches');
  });

  it('labels both KV layouts in the legend with their fit limits', () => {
    render(ServingPanel, { explorer: new ServingPanelState(new ExplorerState()) });
    expect(screen.getByText(/^Hybrid KV cache .*: fits up to 6\.32M tokens$/)).toBeInTheDocument();
    expect(screen.getByText(/^Full KV cache .*: fits up to 1\.59M tokens$/)).toBeInTheDocument();
    expect(screen.getByText('Runtime reserve')).toHaveTextContent('Runtime reserve 8.6 GB');
  });

  it('formats bytes in the chosen unit', () => {
    const explorer = new ExplorerState();
    render(ServingPanel, { explorer: new ServingPanelState(explorer) });
    explorer.unit = 'GiB';
    flushSync();
    expect(screen.getByText(/^Fits: 36\.3 GiB of 71\.7 GiB usable/)).toBeInTheDocument();
  });

  it('says "does not fit" when the weights alone overflow the device', () => {
    render(ServingPanel, {
      explorer: new ServingPanelState(explorerFor('llama3.1-405b', { devices: 1 })),
    });
    expect(screen.getByText(/^Does not fit: needs 885\.3 GB/)).toBeInTheDocument();
    // Llama 3.1 has no windowed layers: one line, whatever the KV layout.
    expect(figure(/Memory against context length/)).toHaveTextContent(
      'Does not fit at any context on 1 × NVIDIA H100 SXM 80GB at batch 1',
    );
    // No line for speed or cost when nothing fits: words instead.
    expect(screen.queryByRole('figure', { name: /Decode throughput/ })).not.toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Decode throughput and cost against batch size' }),
    ).toHaveTextContent('Nothing fits in memory at 131.07k context on 1 × NVIDIA H100 SXM 80GB');
  });

  it('DeepSeek-V3 on 72 GPUs: one line and one fit limit, as MLA has no windowed layers', async () => {
    render(ServingPanel, {
      explorer: new ServingPanelState(
        explorerFor('deepseek-v3', { deviceId: 'gb200', devices: 72, tp: 1, ep: 72 }),
      ),
    });
    const chart = figure(/Memory against context length/);
    expect(chart).toHaveTextContent(
      /Fits up to 2.01M tokens on 72 × NVIDIA GB200 .* at batch 1; no layer has a window, so both KV layouts keep every token/,
    );
    expect(
      within(chart)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.trim()),
    ).toEqual([
      'KV cache (no windowed layers: every layer keeps the whole context): fits up to 2.01M tokens',
    ]);
    await userEvent.click(within(chart).getByText('Show as a table'));
    expect(
      within(chart)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Context (tokens)', 'Memory per GPU']);
    // The fit limit has a row of its own, named without a layout: at 2,014,176 tokens the
    // busiest GPU holds what it may use, 178.8 GB.
    expect(within(chart).getByRole('row', { name: /\(fit limit\)/ })).toHaveTextContent(
      '2.01M (2,014,176) (fit limit)178.8 GB',
    );
  });

  it('shows the layout error in an alert instead of the charts, and recovers', () => {
    const explorer = new ExplorerState();
    render(ServingPanel, { explorer: new ServingPanelState(explorer) });
    explorer.load({ ...explorer.config, deployment: { ...explorer.config.deployment, tp: 3 } });
    flushSync();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'tp: expected a divisor of the 8 devices per pipeline stage, got 3',
    );
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Serving' })).toBeInTheDocument();

    explorer.load({ ...explorer.config, deployment: { ...explorer.config.deployment, tp: 8 } });
    flushSync();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getAllByRole('figure')).toHaveLength(4);
  });

  it('tells the whole run of a benchmark’s requests, and the fields hand typed counts to the page', async () => {
    // gpt-oss-120b on 8 x B200 under SGLang, 100 in flight, 300 in and 200 out
    // (core/explorer/whole-run.test.ts pins the sentence's form and its numbers).
    const explorer = gptOssRun();
    const onRequests = vi.fn();
    render(ServingPanel, { explorer: new ServingPanelState(explorer), onRequests });
    const group = screen.getByRole('group', { name: 'Whole run' });
    expect(within(group).getByRole('textbox', { name: 'Prompt tokens per request' })).toHaveValue(
      '300',
    );
    expect(within(group).getByRole('textbox', { name: 'Answer tokens per request' })).toHaveValue(
      '200',
    );
    expect(within(group).getByTestId('whole-run')).toHaveTextContent(
      /output tokens\/s over the run .* in passes of its own that pause the batch \(SGLang; 0\.39 per decode step\)\.$/,
    );

    const answer = within(group).getByRole('textbox', { name: 'Answer tokens per request' });
    await userEvent.clear(answer);
    await userEvent.type(answer, '0');
    await userEvent.tab();
    expect(answer).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(group).getByText(
        /^Answer tokens per request: expected a whole number from 1 to 1048576, got "0"$/,
      ),
    ).toBeInTheDocument();
    expect(onRequests).not.toHaveBeenCalledWith('answerTokens', 0);
    await userEvent.clear(answer);
    await userEvent.type(answer, '500');
    await userEvent.tab();
    expect(onRequests).toHaveBeenLastCalledWith('answerTokens', 500);
    expect(answer).toHaveAttribute('aria-invalid', 'false');
    await userEvent.clear(answer);
    await userEvent.tab();
    expect(onRequests).toHaveBeenLastCalledWith('answerTokens', null);
  });

  it('simulates a benchmark’s run of a set of prompts, and its fields hand what is typed to the page', async () => {
    // gpt-oss-120b on 8 x B200 under SGLang, 100 in flight: 500 prompts sent at 5 a second
    // (core/explorer/benchmark-run.test.ts pins the run against the CLI's).
    const explorer = gptOssRun({ runPrompts: 500, requestRate: 5 });
    // The worker's computation on the main thread (workers/run.worker.ts).
    const inline: RunRunner = ({ spec, deployment }, answer) =>
      answer({ id: 0, ok: true, value: benchmarkRunFor(spec, deployment) });
    const benchmark = new BenchmarkRunState(explorer, inline);
    benchmark.update();
    const onRequests = vi.fn();
    const onSpread = vi.fn();
    render(ServingPanel, {
      explorer: new ServingPanelState(explorer),
      benchmark,
      onRequests,
      onSpread,
    });
    const group = screen.getByRole('group', { name: 'Whole run' });
    expect(within(group).getByRole('textbox', { name: 'Prompts in the run' })).toHaveValue('500');
    expect(within(group).getByRole('textbox', { name: 'Requests a second' })).toHaveValue('5');
    expect(within(group).getByRole('combobox', { name: 'Answer lengths' })).toHaveValue('same');
    expect(within(group).getByTestId('benchmark-run')).toHaveTextContent(
      /^A run of 500 prompts sent at 5 a second \(Poisson arrivals\), at most 100 in flight, answers of 200 tokens: .* mean time to first token [\d.]+ ms \(median [\d.]+ ms, P99 [\d.]+ ms\)\.$/,
    );

    // The run's timeline as a chart, its ramp and tail in words (core formatTimeline).
    expect(figure(/^Requests in flight over the run/)).toHaveTextContent(
      /Requests in flight over the run’s \d+ min \d+ s: up to [\d.]+ \(at most 100\) within/,
    );

    const rate = within(group).getByRole('textbox', { name: 'Requests a second' });
    await userEvent.clear(rate);
    await userEvent.type(rate, '0');
    await userEvent.tab();
    expect(
      within(group).getByText(
        /^Requests a second: expected a number from 0\.001 to 1000000, got "0"$/,
      ),
    ).toBeInTheDocument();
    expect(onRequests).not.toHaveBeenCalled();
    await userEvent.clear(rate);
    await userEvent.type(rate, '2.5');
    await userEvent.tab();
    expect(onRequests).toHaveBeenLastCalledWith('requestRate', 2.5);
    await userEvent.selectOptions(
      within(group).getByRole('combobox', { name: 'Answer lengths' }),
      'exponential',
    );
    expect(onSpread).toHaveBeenLastCalledWith('exponential');
  });

  it('asks for the answers’ bounds that the chosen spread reads, and tells a bad one', async () => {
    // InferenceX's answers at --random-range-ratio 0.8: 200 of them from 160 to 240.
    const even = gptOssRun({ runPrompts: 50, answerSpread: 'uniform', shortestAnswer: 160 });
    const inline: RunRunner = ({ spec, deployment }, answer) =>
      answer({ id: 0, ok: true, value: benchmarkRunFor(spec, deployment) });
    const benchmark = new BenchmarkRunState(even, inline);
    benchmark.update();
    const onRequests = vi.fn();
    const { unmount } = render(ServingPanel, {
      explorer: new ServingPanelState(even),
      benchmark,
      onRequests,
    });
    const group = screen.getByRole('group', { name: 'Whole run' });
    const shortest = within(group).getByRole('textbox', { name: 'Shortest answer' });
    expect(shortest).toHaveValue('160');
    expect(within(group).queryByRole('textbox', { name: 'Longest answer' })).toBeNull();
    expect(within(group).getByTestId('benchmark-run')).toHaveTextContent(
      /answers of 160 to 240 tokens:/,
    );
    await userEvent.clear(shortest);
    await userEvent.type(shortest, '0');
    await userEvent.tab();
    expect(
      within(group).getByText(
        /^Shortest answer: expected a whole number from 1 to 1048576, got "0"$/,
      ),
    ).toBeInTheDocument();
    expect(onRequests).not.toHaveBeenCalled();
    await userEvent.clear(shortest);
    await userEvent.type(shortest, '4');
    await userEvent.tab();
    expect(onRequests).toHaveBeenLastCalledWith('shortestAnswer', 4);
    unmount();

    // A long tail reads both; a shortest above the mean is named in the run's sentence.
    const tail = gptOssRun({ runPrompts: 50, answerSpread: 'exponential', shortestAnswer: 300 });
    const told = new BenchmarkRunState(tail, inline);
    told.update();
    render(ServingPanel, { explorer: new ServingPanelState(tail), benchmark: told });
    expect(screen.getByRole('textbox', { name: 'Longest answer' })).toHaveAttribute(
      'placeholder',
      'to the context',
    );
    expect(screen.getByTestId('benchmark-run')).toHaveTextContent(
      "This run cannot be simulated. shortest answer: expected at most the answer tokens per request (200), the answers' mean, got 300.",
    );
  });

  it('says a run is being simulated, and what stopped one', () => {
    const explorer = explorerFor('gpt-oss-120b', {
      promptTokens: 300,
      answerTokens: 200,
      runPrompts: 50,
    });
    let reply: Parameters<RunRunner>[1] = () => {};
    const benchmark = new BenchmarkRunState(explorer, (_, answer) => (reply = answer));
    benchmark.update();
    render(ServingPanel, { explorer: new ServingPanelState(explorer), benchmark });
    const told = screen.getByTestId('benchmark-run');
    expect(told).toHaveTextContent('Simulating the run…');
    expect(told).toHaveAttribute('aria-busy', 'true');
    reply({
      id: 1,
      ok: false,
      error: { field: null, message: 'the run’s simulation could not start' },
    });
    flushSync();
    expect(told).toHaveTextContent(
      'The run could not be simulated: the run’s simulation could not start.',
    );
    expect(told).toHaveAttribute('aria-busy', 'false');
  });

  it('drops a run answered after its prompt count was cleared', () => {
    const explorer = explorerFor('gpt-oss-120b', {
      promptTokens: 300,
      answerTokens: 200,
      runPrompts: 50,
    });
    const replies: Parameters<RunRunner>[1][] = [];
    const benchmark = new BenchmarkRunState(explorer, ({ spec, deployment }, answer) =>
      replies.push((r) => answer(r.ok ? { ...r, value: benchmarkRunFor(spec, deployment) } : r)),
    );
    benchmark.update();
    explorer.setDeployment('runPrompts', null);
    benchmark.update();
    expect(benchmark.running).toBe(false);
    replies[0]!({ id: 1, ok: true, value: null });
    expect(benchmark.run).toBeNull();
    expect(replies).toHaveLength(1); // nothing asked without a prompt count
  });

  it('lists the published runs computed with the model when asked, this device and engine first', async () => {
    const explorer = explorerFor('deepseek-v3', {
      deviceId: 'h200',
      weights: 'fp8',
      engine: 'sglang',
    });
    render(ServingPanel, { explorer: new ServingPanelState(explorer) });
    expect(screen.queryByTestId('published-runs')).not.toBeInTheDocument();
    await userEvent.click(screen.getByText('Published runs computed with DeepSeek-V3'));
    const summary = await screen.findByTestId('published-runs');
    expect(summary).toHaveTextContent(
      /^\d+ published figures of \d+ deployments are computed with DeepSeek-V3’s architecture: the explorer is within ×1\.5 of \d+ and within ×2 of \d+\./,
    );
    const table = screen.getByRole('table', { name: /Published runs computed with DeepSeek-V3/ });
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByRole('rowheader')).toHaveTextContent(/NVIDIA H200 SXM 141GB, SGLang/);

    // Words typed narrow the list to the runs that hold them all: InferenceX's on B200s.
    const all = within(table).getAllByRole('row').length - 1;
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter runs' }), 'InferenceX b200');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(all);
    for (const row of rows) {
      expect(within(row).getByRole('rowheader')).toHaveTextContent(/B200/);
      expect(row).toHaveTextContent(/InferenceX/);
    }
    expect(screen.getByText(`${rows.length} of ${all} shown`)).toBeInTheDocument();
  });

  it('asks for both counts before the whole run is shown', () => {
    render(ServingPanel, { explorer: new ServingPanelState(new ExplorerState()) });
    const group = screen.getByRole('group', { name: 'Whole run' });
    expect(within(group).getByRole('textbox', { name: 'Prompt tokens per request' })).toHaveValue(
      '',
    );
    expect(within(group).getByTestId('whole-run')).toHaveTextContent(/^A benchmark’s requests/);
  });
  it('says how close the explorer came to published runs of the engine on the device, and follows them', () => {
    const record = (deployment: Partial<DeploymentSettings>) => {
      const explorer = explorerFor('llama4-scout', deployment);
      const { unmount } = render(ServingPanel, { explorer: new ServingPanelState(explorer) });
      const text = screen.getByTestId('track-record').textContent;
      unmount();
      return text;
    };
    // The records are tests/fixtures' published decode speeds (track-record-data.ts, which
    // tests/unit/scripts/validation.test.ts keeps in step with the fixtures).
    expect(record({})).toMatch(
      /^Checked against published runs: vLLM on NVIDIA H100 SXM 80GB: \d+ of \d+ published decode speeds \(\d+ deployments\) are within ×1\.5/,
    );
    expect(record({ engine: 'sglang', deviceId: 'b200' })).toMatch(/: SGLang on NVIDIA B200/);
    expect(record({ engine: 'trtllm', deviceId: 'a100-80gb' })).toMatch(
      /: TensorRT-LLM on any device \(too few runs of TensorRT-LLM on NVIDIA A100/,
    );
    // With the experts in system RAM: the home runs on a GPU beside RAM (issue 12's cases).
    const local = explorerFor('gpt-oss-120b', {
      deviceId: 'rtx-4090',
      devices: 1,
      host: { ...DEFAULT_HOST_SETTINGS, memoryBytes: 128e9 },
    });
    render(ServingPanel, { explorer: new ServingPanelState(local) });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(figure(/Memory against context length/)).toHaveTextContent(/system RAM/);
    expect(screen.getByTestId('track-record')).toHaveTextContent(
      `Checked against published runs: ${formatLocalTrackRecord(false)}.`,
    );
  });
});
