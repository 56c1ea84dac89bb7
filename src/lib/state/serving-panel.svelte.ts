/**
 * The serving panel's data: the chart series, derived once per change from the explorer's
 * resolved deployment. A module of its own, so that an embed that does not show the panel
 * does not load the series code.
 */
import {
  servingCharts,
  wholeRun,
  type AnswerSpread,
  type ServingCharts,
  type WholeRun,
} from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';
import { localSpeed, type LocalSpeed } from './local-speed.ts';

/** The whole run's requests as set (null: not set), and how a run's answers spread. */
export interface RunRequests {
  promptTokens: number | null;
  answerTokens: number | null;
  runPrompts: number | null;
  requestRate: number | null;
  answerSpread: AnswerSpread;
  shortestAnswer: number | null;
  longestAnswer: number | null;
}

/** What the serving panel reads: live (this class) or a LazyView's snapshot of it. */
export interface ServingView {
  readonly result: ExplorerState['result'];
  readonly servingCharts: ServingCharts | null;
  /** With system RAM, the speed chart's CPU+GPU line; null (or absent) otherwise. */
  readonly localSpeed?: LocalSpeed | null;
  readonly unit: ExplorerState['unit'];
  readonly modelLabel: string;
  /** The preset shown, whose published runs the panel lists; null for an imported config. */
  readonly presetId?: string | null;
  /** The requests of the whole run, as set (null: not set). */
  readonly requests?: RunRequests;
  /** The whole run of those requests (core/explorer/whole-run.ts); null without both. */
  readonly wholeRun?: WholeRun | null;
}

export class ServingPanelState implements ServingView {
  constructor(private readonly explorer: ExplorerState) {}

  readonly servingCharts: ServingCharts | null = $derived.by(() => {
    const { resolved, serving } = this.explorer.result;
    return resolved && serving ? servingCharts(resolved, serving) : null;
  });

  readonly localSpeed: LocalSpeed | null = $derived.by(() => {
    const charts = this.servingCharts;
    const { result } = this.explorer;
    const deployment = this.explorer.config.deployment;
    return charts && deployment.host ? localSpeed(result, deployment, charts.speed.points) : null;
  });

  readonly wholeRun: WholeRun | null = $derived.by(() =>
    wholeRun(this.explorer.result.resolved, this.explorer.config.deployment),
  );

  get requests(): RunRequests {
    const d = this.explorer.config.deployment;
    return {
      promptTokens: d.promptTokens ?? null,
      answerTokens: d.answerTokens ?? null,
      runPrompts: d.runPrompts ?? null,
      requestRate: d.requestRate ?? null,
      answerSpread: d.answerSpread ?? 'same',
      shortestAnswer: d.shortestAnswer ?? null,
      longestAnswer: d.longestAnswer ?? null,
    };
  }

  get result() {
    return this.explorer.result;
  }
  get unit() {
    return this.explorer.unit;
  }
  get modelLabel() {
    return this.explorer.modelLabel;
  }
  get presetId(): string | null {
    const { source } = this.explorer.config;
    return source.kind === 'preset' ? source.id : null;
  }

  /** A plain copy, for a LazyView to keep while the panel is off screen. */
  snapshot(): ServingView {
    const { result, servingCharts, localSpeed, unit, modelLabel, presetId, requests, wholeRun } =
      this;
    return { result, servingCharts, localSpeed, unit, modelLabel, presetId, requests, wholeRun };
  }
}
