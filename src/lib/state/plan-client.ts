/**
 * The page's side of the planner's worker (workers/plan.worker.ts): the model and the Plan view's
 * settings in, the plan or what stopped it out, only the latest request's (latest-worker.ts).
 */
import type { DeploymentPlan, ModelSpec, PlanSettings } from '../core/index.ts';
import { latestWorkerRunner, type LatestRunner } from './latest-worker.ts';

export type { WorkerFailure as PlanFailure } from './latest-worker.ts';

export interface PlanRequest {
  spec: ModelSpec;
  settings: PlanSettings;
}

export type PlanRunner = LatestRunner<PlanRequest, DeploymentPlan>;

/** A runner on a Web Worker, started at its first request and kept for the next. */
export function workerRunner(): PlanRunner {
  return latestWorkerRunner(
    () => new Worker(new URL('../workers/plan.worker.ts', import.meta.url), { type: 'module' }),
    'the planner',
  );
}
