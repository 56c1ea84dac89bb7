/**
 * The Plan view's chart series: one per device, each with its colour (Okabe-Ito) and its mark's
 * shape by the device's place among those searched, so a device looks the same in both charts.
 */
import {
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolSquare,
  symbolStar,
  symbolTriangle,
  symbolWye,
  type SymbolType,
} from 'd3';
import {
  formatRate,
  formatUsd,
  type DeploymentPlan,
  type PlannedDeployment,
} from '../core/index.ts';
import { OKABE_ITO } from './palette.ts';

export interface PlanSeries {
  device: string;
  label: string;
  color: string;
  shape: SymbolType;
  points: PlannedDeployment[];
  /** A point in words (the readout and the mark's name). */
  say: (p: PlannedDeployment) => string;
}

const COLORS = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.green,
  OKABE_ITO.vermillion,
  OKABE_ITO.purple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.grey,
];
const SHAPES = [
  symbolCircle,
  symbolSquare,
  symbolTriangle,
  symbolDiamond,
  symbolCross,
  symbolStar,
  symbolWye,
];

/** A deployment in words: layout, batch, pools, rates, time to first token and price. */
export function sayDeployment(p: PlannedDeployment): string {
  const pools = p.prefill
    ? `, prefill ${p.prefill.replicas} × ${p.prefill.gpus} GPUs per ${p.prefill.decodeReplicas} decode`
    : '';
  return (
    `${p.gpus} GPUs TP ${p.tp} EP ${p.ep} PP ${p.pp}, ${p.weights.toUpperCase()} weights, ` +
    `KV ${p.kvDtype.toUpperCase()}, batch ${p.batch}${pools}: ` +
    `${formatRate(p.tokensPerSecondPerUser)} tokens/s per user, ` +
    `${formatRate(p.tokensPerSecondPerGpu)} per GPU, first token ${p.ttftSeconds.toPrecision(2)} s, ` +
    `${formatUsd(p.costPerMillionOutputTokens)} per million output tokens`
  );
}

/** Series of `points` grouped by device, in the order of `order` (device ids). */
function byDevice(
  groups: { device: string; deviceName: string; points: PlannedDeployment[] }[],
  order: readonly string[],
): PlanSeries[] {
  return groups
    .filter((g) => g.points.length > 0)
    .map((g) => {
      const at = Math.max(0, order.indexOf(g.device));
      return {
        device: g.device,
        label: g.deviceName,
        color: COLORS[at % COLORS.length]!,
        shape: SHAPES[at % SHAPES.length]!,
        points: g.points,
        say: sayDeployment,
      };
    });
}

/** The frontier by device, for its scatter. */
export function frontierSeries(plan: DeploymentPlan, order: readonly string[]): PlanSeries[] {
  const groups = new Map<
    string,
    { device: string; deviceName: string; points: PlannedDeployment[] }
  >();
  for (const p of plan.frontier) {
    const g = groups.get(p.device) ?? { device: p.device, deviceName: p.deviceName, points: [] };
    g.points.push(p);
    groups.set(p.device, g);
  }
  return byDevice([...groups.values()], order);
}

/** Each device's price frontier, sorted by tokens/s per user, for its lines. */
export function costSeries(plan: DeploymentPlan, order: readonly string[]): PlanSeries[] {
  return byDevice(
    plan.costFrontiers.map((c) => ({
      ...c,
      points: [...c.points].sort((a, b) => a.tokensPerSecondPerUser - b.tokensPerSecondPerUser),
    })),
    order,
  );
}

/** Whether two planned deployments are the same one (the plan reports the cheapest as a copy). */
export function sameDeployment(a: PlannedDeployment | null, b: PlannedDeployment | null): boolean {
  if (!a || !b) return false;
  return (
    a.mode === b.mode &&
    a.serveArgs.join(' ') === b.serveArgs.join(' ') &&
    JSON.stringify(a.prefill) === JSON.stringify(b.prefill)
  );
}
