import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import PlanPanel from '../../src/lib/components/PlanPanel.svelte';
import PlanSection from '../../src/lib/components/sections/PlanSection.svelte';
import {
  findDevice,
  formatTrackRecord,
  planDeployments,
  planOptions,
  planWorkload,
} from '../../src/lib/core/index.ts';
import { ExplorerState } from '../../src/lib/state/explorer.svelte.ts';
import { shareQuery } from '../../src/lib/state/link-state.ts';
import type { PlanRunner } from '../../src/lib/state/plan-client.ts';
import { PlanPanelState } from '../../src/lib/state/plan-panel.svelte.ts';

const value = (testid: string) => screen.getByTestId(testid).getAttribute('data-value');

/** The planner on the main thread, as the worker runs it (workers/plan.worker.ts). */
const inline: PlanRunner = ({ spec, settings }, answer) => {
  try {
    answer({
      id: 0,
      ok: true,
      value: planDeployments(spec, planWorkload(settings), planOptions(settings)),
    });
  } catch (error) {
    answer({ id: 0, ok: false, error: { field: 'devices', message: (error as Error).message } });
  }
};

function renderPlan() {
  const explorer = new ExplorerState();
  const panel = new PlanPanelState(explorer, inline);
  const view = render(PlanPanel, { panel });
  panel.run();
  return { explorer, panel, view };
}

describe('PlanPanel', () => {
  it('shows the cheapest deployment, what binds it and how many were searched', async () => {
    renderPlan();
    await screen.findByTestId('plan-cheapest');
    expect(Number(value('plan-tps-user'))).toBeGreaterThanOrEqual(30);
    expect(Number(value('plan-searched'))).toBeGreaterThan(0);
    expect(screen.getByTestId('plan-binds')).toHaveTextContent(/^What binds:/);
    // How close the explorer came to published runs of the plan's engine (the explorer's, vLLM)
    // on its device (serving/track-record.ts).
    const card = JSON.parse(value('plan-cheapest')!) as { device: string };
    expect(screen.getByTestId('track-record')).toHaveTextContent(
      `Checked against published runs: ${formatTrackRecord('vllm', findDevice(card.device)!)}.`,
    );
    expect(screen.getByRole('button', { name: 'Apply to the explorer' })).toBeInTheDocument();
  }, 60_000);

  it('Apply sets the explorer to the deployment; its decode figures agree with the plan’s', async () => {
    const { explorer } = renderPlan();
    await screen.findByTestId('plan-cheapest');
    const card = JSON.parse(value('plan-cheapest')!) as {
      device: string;
      gpus: number;
      batch: number;
    };
    const decode = Number(value('plan-explorer-decode'));
    await userEvent.click(screen.getByTestId('plan-apply'));
    const d = explorer.config.deployment;
    expect([d.deviceId, d.devices, d.batch]).toEqual([card.device, card.gpus, card.batch]);
    const served = explorer.result.serving!;
    expect(served.decode.tokensPerSecond / decode).toBeCloseTo(1, 9);
    expect(screen.getByText(/^Applied: /)).toBeInTheDocument();
  }, 60_000);

  it('with users, the price chart is the fleet’s $ per hour, as the cheapest is chosen', async () => {
    renderPlan();
    await screen.findByTestId('plan-cheapest');
    // The default workload is 64 users at 30 tokens/s each, the first token within 2 s
    expect(screen.getByText('Fleet $ per hour against tokens/s per user')).toBeInTheDocument();
    expect(
      screen.getByText(/^For each device, the fleets serving the workload \(64 users\)/),
    ).toHaveTextContent(
      'Left of the dashed line is slower than the target of 30 tokens/s per user. Hollow marks miss a target.',
    );
  }, 60_000);

  it('settings go into the share link; none chosen is said with the field', async () => {
    const { explorer, panel } = renderPlan();
    await screen.findByTestId('plan-cheapest');
    panel.set({ users: 128 });
    expect(shareQuery(explorer)).toContain('qu=128');
    panel.set({ devices: [] });
    panel.run();
    await waitFor(() => expect(screen.getByTestId('plan-error')).toHaveTextContent('devices'));
    expect(screen.getByTestId('plan-error')).toHaveTextContent('expected at least one device');
  }, 60_000);

  it('without Web Workers (jsdom) the section says the planner could not start; nothing throws', async () => {
    render(PlanSection, { explorer: new ExplorerState() });
    await waitFor(() =>
      expect(screen.getByTestId('plan-error')).toHaveTextContent('the planner could not start'),
    );
    expect(screen.getByRole('heading', { name: 'Plan' })).toBeInTheDocument();
  });
});
