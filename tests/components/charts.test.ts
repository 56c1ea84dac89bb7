import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultConfig, type DeploymentSettings } from '../../src/lib/core/index.ts';
import ArchitectureView from '../../src/lib/components/ArchitectureView.svelte';
import BreakdownChart from '../../src/lib/components/BreakdownChart.svelte';
import ServingPanel from '../../src/lib/components/ServingPanel.svelte';
import TrainingMemoryBar from '../../src/lib/charts/TrainingMemoryBar.svelte';
import { ArchitecturePanelState } from '../../src/lib/state/architecture-panel.svelte.ts';
import { ExplorerState } from '../../src/lib/state/explorer.svelte.ts';
import { ServingPanelState } from '../../src/lib/state/serving-panel.svelte.ts';

// The charts as a person uses them: pointing at marks and focusing them gives a readout with
// the exact value; the context and batch markers move with the keyboard and the pointer.
// jsdom has no layout: give every chart a 640 px wide frame (ChartFrame reads clientWidth).
// getBoundingClientRect is all zeros, so a pointer at clientX = px is px into the plot.
const clientWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => 640,
  });
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterAll(() => {
  vi.restoreAllMocks();
  delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  if (clientWidth) Object.defineProperty(Element.prototype, 'clientWidth', clientWidth);
});

function explorerFor(presetId?: string, deployment: Partial<DeploymentSettings> = {}) {
  const config = defaultConfig(presetId);
  return new ExplorerState({ ...config, deployment: { ...config.deployment, ...deployment } });
}

/** The chart whose caption starts with `title`, and its readout line. */
function chart(title: RegExp) {
  const figure = screen
    .getAllByRole('figure')
    .find((f) => title.test(f.querySelector('figcaption')?.textContent ?? ''));
  if (!figure) throw new Error(`no chart titled ${title}`);
  return { figure, readout: () => within(figure).getByTestId('readout').textContent };
}

function servingPanel(explorer = new ExplorerState()) {
  const onContext = vi.fn();
  const onBatch = vi.fn();
  render(ServingPanel, { explorer: new ServingPanelState(explorer), onContext, onBatch });
  return { onContext, onBatch };
}

describe('memory against context: the context marker', () => {
  it('is a slider at the chosen context that arrow keys move by powers of two, Home/End to the ends', async () => {
    const { onContext } = servingPanel();
    const marker = screen.getByRole('slider', { name: 'Context length (chart marker)' });
    expect(marker).toHaveAttribute('aria-valuenow', '131072');
    expect(marker).toHaveAttribute('aria-valuetext', '131.07k (128 × 2^10) tokens');
    marker.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(onContext).toHaveBeenLastCalledWith(262_144);
    await userEvent.keyboard('{ArrowLeft}');
    expect(onContext).toHaveBeenLastCalledWith(65_536);
    // The state is the caller's: the marker stays at 131,072 until the caller moves it.
    await userEvent.keyboard('{PageUp}');
    expect(onContext).toHaveBeenLastCalledWith(1_048_576);
    // The axis ends at Scout's max_position_embeddings, 10,485,760; it starts at 1k.
    await userEvent.keyboard('{End}');
    expect(onContext).toHaveBeenLastCalledWith(10_485_760);
    await userEvent.keyboard('{Home}');
    expect(onContext).toHaveBeenLastCalledWith(1000);
  });

  it('follows a drag: pointer down at the left edge, moved to the right edge', async () => {
    const { onContext } = servingPanel();
    const marker = screen.getByRole('slider', { name: 'Context length (chart marker)' });
    await fireEvent.pointerDown(marker, { clientX: 0, button: 0, pointerId: 1 });
    expect(onContext).toHaveBeenLastCalledWith(1000);
    await fireEvent.pointerMove(marker, { clientX: 5000, pointerId: 1 });
    expect(onContext).toHaveBeenLastCalledWith(10_485_760);
    await fireEvent.pointerUp(marker, { pointerId: 1 });
    onContext.mockClear();
    await fireEvent.pointerMove(marker, { clientX: 100, pointerId: 1 });
    expect(onContext).not.toHaveBeenCalled();
  });

  it('is drawn but not operable without onContext', () => {
    render(ServingPanel, { explorer: new ServingPanelState(new ExplorerState()) });
    expect(screen.queryByRole('slider', { name: /chart marker/ })).not.toBeInTheDocument();
  });

  it('reads the chosen context out, and the point under the pointer', async () => {
    servingPanel();
    const { figure, readout } = chart(/Memory against context length/);
    expect(readout()).toBe(
      'Chosen 131.07k (128 × 2^10) tokens: hybrid 39.0 GB, full 41.2 GB per GPU.',
    );
    const target = figure.querySelector('rect.target')!;
    await fireEvent.pointerMove(target, { clientX: 0 });
    expect(readout()).toMatch(/^1,000 tokens: hybrid 38\.\d GB, full 38\.\d GB per GPU\.$/);
    await fireEvent.pointerLeave(target);
    expect(readout()).toMatch(/^Chosen 131\.07k/);
  });

  it('states the headline figure at 10,485,760 tokens (one value per quantity), and lists it in the table', async () => {
    servingPanel(explorerFor(undefined, { contextTokens: 10_485_760 }));
    // The busiest GPU's total: serving.perDeviceBytes, as the memory bar (and the Fits card) say.
    expect(chart(/Memory per device/).figure).toHaveTextContent('102.6 GB of the 77.0 GB usable');
    const { figure } = chart(/Memory against context length/);
    expect(figure).toHaveTextContent(
      'At the chosen 10.49M (10 × 2^20) tokens the busiest GPU needs 102.6 GB with the hybrid KV cache (as chosen)',
    );
    expect(screen.getByRole('slider', { name: 'Context length (chart marker)' })).toHaveAttribute(
      'aria-valuenow',
      '10485760',
    );
    await userEvent.click(within(figure).getByText('Show as a table'));
    const row = within(figure).getByRole('row', { name: /10\.49M \(10 × 2\^20\) \(chosen\)/ });
    expect(row).toHaveTextContent('102.6 GB');
  });
});

describe('speed against batch: the batch marker', () => {
  it('moves by powers of two from the keyboard, on both charts', async () => {
    const { onBatch } = servingPanel();
    const [throughput, cost] = screen.getAllByRole('slider', { name: 'Batch size (chart marker)' });
    expect(throughput).toHaveAttribute('aria-valuenow', '1');
    throughput!.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(onBatch).toHaveBeenLastCalledWith(2);
    cost!.focus();
    await userEvent.keyboard('{PageUp}');
    expect(onBatch).toHaveBeenLastCalledWith(8);
    onBatch.mockClear();
    await userEvent.keyboard('{ArrowLeft}'); // already at 1
    expect(onBatch).not.toHaveBeenCalled();
  });

  it('reads out the batch under the pointer, among those that fit', async () => {
    servingPanel();
    const { figure, readout } = chart(/Decode throughput against batch size/);
    expect(readout()).toBe('Chosen batch 1: 142 tokens/s in all, 142 per sequence.');
    await fireEvent.pointerMove(figure.querySelector('rect.target')!, { clientX: 0 });
    expect(readout()).toBe('Batch 1: 142 tokens/s in all, 142 per sequence.');
  });

  it('draws no speed or cost where nothing fits (Llama 4 Maverick on 8 x H100 in BF16): words instead', () => {
    servingPanel(explorerFor('llama4-maverick'));
    expect(screen.queryByRole('slider', { name: /Batch size/ })).not.toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Decode throughput and cost against batch size' }),
    ).toHaveTextContent(/^Decode throughput and cost against batch size Nothing fits in memory/);
  });
});

describe('memory per device', () => {
  it("says when the engine pads the experts: gpt-oss-120b's MXFP4 experts on one H100 under vLLM", () => {
    // expert-padding.ts: Marlin's 2,944 x 3,072 tiles over 2,880 x 2,880 = 1.0904
    servingPanel(
      explorerFor('gpt-oss-120b', { devices: 1, weights: 'bf16', expertWeights: 'mxfp4' }),
    );
    expect(chart(/Memory per device/).figure).toHaveTextContent(
      /holds 70\.7 GB of weights \(the experts padded by 9\.0% to the engine's kernel tiles\)/,
    );
  });

  it('reads out each part of the bar when focused; arrows move between them', async () => {
    servingPanel();
    const { figure, readout } = chart(/Memory per device/);
    const parts = within(figure).getAllByRole('option');
    expect(parts.map((p) => p.getAttribute('aria-label'))).toEqual([
      'Weights: 27.2 GB',
      'KV cache: 956.3 MB',
      'Activations and runtime: 10.8 GB',
      'Runtime reserve: 8.6 GB',
    ]);
    flushSync(() => parts[0]!.focus());
    expect(readout()).toMatch(/^Weights: 27\.2 GB \([\d,]+ bytes\), \d+\.\d% of the total\.$/);
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(parts[1]);
    expect(readout()).toMatch(/^KV cache: 956\.3 MB/);
  });
});

describe('parameter breakdown', () => {
  it('leaves parts under 0.5% out of the legend (the table keeps them) and reads out exact counts', async () => {
    render(BreakdownChart, { count: new ExplorerState().result.count });
    const { figure, readout } = chart(/Where the parameters sit/);
    expect(within(figure).getByRole('list', { name: 'Legend' })).not.toHaveTextContent('Norms');
    expect(figure).toHaveTextContent('Too small to see (under 0.5% each): Norms, Router');
    const segments = within(figure).getAllByRole('option');
    flushSync(() => segments[0]!.focus());
    // Llama 4 Scout's embedding: 202,048 x 5,120 (expected-params.json)
    expect(readout()).toBe('Embedding: 1,034,485,760 parameters (1.03B), 1.0% of the total.');
    await userEvent.keyboard('{ArrowRight}');
    expect(readout()).toMatch(/^LM head: 1,034,485,760 parameters/);
    await userEvent.click(within(figure).getByText('Show as a table'));
    expect(within(figure).getByRole('row', { name: /^Norms/ })).toBeInTheDocument();
  });
});

describe('architecture', () => {
  it('reads out a layer under the keyboard cursor; its table summarises the blocks', async () => {
    render(ArchitectureView, { stack: new ArchitecturePanelState(new ExplorerState()).stack });
    const { figure, readout } = chart(/Layer stack/);
    const cursor = within(figure).getByRole('slider', { name: 'Layer (layer stack)' });
    flushSync(() => cursor.focus());
    expect(readout()).toMatch(
      /^Layer 0: chunked attention \(8,192 tokens\) \([\d.]+M parameters\); MoE FFN: 16 routed experts × 125,829,120 \+ 1 shared × 125,829,120 \(2\.14B in all\)\.$/,
    );
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(readout()).toMatch(/^Layer 3: global attention, NoPE/);
    expect(cursor).toHaveAttribute('aria-valuenow', '3');
    await userEvent.keyboard('{End}');
    expect(readout()).toMatch(/^Layer 47:/);
    await userEvent.click(within(figure).getByText('Show as a table'));
    expect(
      within(figure).getByRole('row', { name: /^global attention, NoPE 12/ }),
    ).toHaveTextContent('3, 7, …, 47 (every 4th)');
  });

  it('DeepSeek-V3: a dense layer reads as one MLP, to scale nine experts wide', () => {
    render(ArchitectureView, {
      stack: new ArchitecturePanelState(explorerFor('deepseek-v3')).stack,
    });
    const { figure, readout } = chart(/Layer stack/);
    flushSync(() => within(figure).getByRole('slider', { name: 'Layer (layer stack)' }).focus());
    expect(readout()).toMatch(
      /^Layer 0: MLA attention .*; Dense FFN \(one MLP\) \(396\.36M in all\)\.$/,
    );
  });
});

describe('memory per GPU in training', () => {
  it('gives each part its amount in the legend, so one too thin to see still reads', () => {
    // Llama 4 Scout at its published layout keeps about 0.2 GB of optimizer states per GPU
    // (ZeRO-1 over 1,024 data-parallel ranks): a sliver of a 85.5 GB bar.
    const bytes = {
      weights: 22_500_000_000,
      gradients: 30_000_000_000,
      optimizer: 200_000_000,
      activations: 8_900_000_000,
      buffers: 0,
      total: 61_600_000_000,
    };
    render(TrainingMemoryBar, {
      bytes,
      capacityBytes: 85_520_809_984,
      fits: true,
      deviceLabel: 'NVIDIA H100 SXM 80GB',
      unit: 'GB',
    });
    const { figure } = chart(/Memory per GPU in training/);
    const items = within(within(figure).getByRole('list', { name: 'Legend' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual([
      'Weights 22.5 GB',
      'Gradients 30.0 GB',
      'Optimizer states 200.0 MB',
      'Activations 8.9 GB',
      'Dispatch buffers 0.0 MB',
    ]);
  });
});
