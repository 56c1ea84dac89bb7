/**
 * The Plan view's state (issue 15): its settings (the explorer's `plan`, the default ones while
 * null), the latest plan the worker answered for the model and the settings (plan-client.ts: a
 * newer search supersedes an older one), and Apply, which shows a planned deployment in the
 * explorer through its own setter (the fit advice's `updateDeployment`).
 */
import {
  DEFAULT_PLAN,
  ENGINE_CHOICES,
  ENGINE_LABELS,
  PLAN_DEVICE_CHOICES,
  PLAN_RANGES,
  planDeploymentPatch,
  planPrice,
  type DeploymentPlan,
  type ModelSpec,
  type PlannedDeployment,
  type PlanSettings,
} from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';
import type { WorkerReply } from './latest-worker.ts';
import { workerRunner, type PlanFailure, type PlanRunner } from './plan-client.ts';

/** What the Plan view draws: the settings, and the latest answer (or none yet). */
export interface PlanView {
  readonly settings: PlanSettings;
  readonly plan: DeploymentPlan | null;
  readonly failure: PlanFailure | null;
  /** A search is running; the plan shown is the one before it. */
  readonly searching: boolean;
  readonly modelLabel: string;
}

export class PlanPanelState implements PlanView {
  #plan = $state.raw<DeploymentPlan | null>(null);
  #failure = $state.raw<PlanFailure | null>(null);
  #searching = $state(false);
  /** What the explorer was set to by the last Apply, in words; null before one. */
  applied = $state<string | null>(null);
  #asked: { spec: ModelSpec; settings: PlanSettings } | null = null;

  readonly ranges = PLAN_RANGES;
  readonly deviceChoices = PLAN_DEVICE_CHOICES;
  readonly engines = ENGINE_CHOICES.map((id) => ({ value: id, label: ENGINE_LABELS[id] }));

  constructor(
    private readonly explorer: ExplorerState,
    private readonly runner: PlanRunner = workerRunner(),
  ) {}

  get settings(): PlanSettings {
    return this.explorer.plan ?? DEFAULT_PLAN;
  }
  get plan(): DeploymentPlan | null {
    return this.#plan;
  }
  get failure(): PlanFailure | null {
    return this.#failure;
  }
  get searching(): boolean {
    return this.#searching;
  }
  get modelLabel(): string {
    return this.explorer.modelLabel;
  }

  set(patch: Partial<PlanSettings>): void {
    this.explorer.plan = { ...this.settings, ...patch };
  }

  /** A device's price in the plan, $ per device-hour. */
  priceOf(deviceId: string): number {
    const device = PLAN_DEVICE_CHOICES.find((d) => d.id === deviceId);
    return device ? planPrice(this.settings, device) : 0;
  }

  /** Adds or removes a device from the search, in the catalog's order. */
  toggleDevice(deviceId: string, on: boolean): void {
    const chosen = this.settings.devices;
    const devices = PLAN_DEVICE_CHOICES.map((d) => d.id).filter((id) =>
      id === deviceId ? on : chosen.includes(id),
    );
    this.set({ devices });
  }

  /** Sets a device's price; the catalog's own price is not kept as a change. */
  setPrice(deviceId: string, usd: number): void {
    const device = PLAN_DEVICE_CHOICES.find((d) => d.id === deviceId);
    if (!device) return;
    const { [deviceId]: _, ...rest } = this.settings.prices;
    this.set({ prices: usd === device.usdPerHour ? rest : { ...rest, [deviceId]: usd } });
  }

  /**
   * Call from an effect: asks the worker for the plan of the explorer's model and the settings,
   * unless it was asked for them already. The plan shown stays until the answer comes.
   */
  run(): void {
    const spec = this.explorer.result.spec;
    const settings = this.settings;
    if (this.#asked?.spec === spec && this.#asked.settings === settings) return;
    this.#asked = { spec, settings };
    this.#searching = true;
    this.runner({ spec, settings }, (reply) => this.#answer(reply));
  }

  #answer(reply: WorkerReply<DeploymentPlan>): void {
    this.#searching = false;
    if (reply.ok) {
      this.#plan = reply.value;
      this.#failure = null;
    } else {
      this.#plan = null;
      this.#failure = reply.error;
    }
  }

  /**
   * Shows a planned deployment in the explorer: its device, count, layout, formats, engine,
   * batch and the plan's context. False (the explorer names why under its controls) if refused.
   */
  apply(p: PlannedDeployment): boolean {
    const catalog = PLAN_DEVICE_CHOICES.find((d) => d.id === p.device)?.usdPerHour ?? -1;
    const context =
      this.#plan?.workload.fitContextTokens ?? this.explorer.config.deployment.contextTokens;
    const ok = this.explorer.updateDeployment(planDeploymentPatch(p, context, catalog), 'plan');
    this.applied = ok
      ? `Applied: ${p.gpus} × ${p.deviceName}, TP ${p.tp} EP ${p.ep} PP ${p.pp}, batch ${p.batch}.`
      : `Not applied: ${this.explorer.errors.plan ?? 'the explorer refused this deployment'}.`;
    return ok;
  }

  /** A plain copy, for a LazyView to keep while the panel is off screen. */
  snapshot(): PlanView {
    const { settings, plan, failure, searching, modelLabel } = this;
    return { settings, plan, failure, searching, modelLabel };
  }
}
