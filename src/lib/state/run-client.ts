/**
 * The page's side of the benchmark run's worker (workers/run.worker.ts): the model and the
 * deployment's settings in, the run or what stopped it out, only the latest request's
 * (latest-worker.ts).
 */
import type { BenchmarkRun, DeploymentSettings, ModelSpec } from '../core/index.ts';
import { latestWorkerRunner, type LatestRunner } from './latest-worker.ts';

export interface RunRequest {
  spec: ModelSpec;
  deployment: DeploymentSettings;
}

export type RunRunner = LatestRunner<RunRequest, BenchmarkRun | null>;

/** A runner on a Web Worker, started at its first request and kept for the next. */
export function runWorkerRunner(): RunRunner {
  return latestWorkerRunner(
    () => new Worker(new URL('../workers/run.worker.ts', import.meta.url), { type: 'module' }),
    'the run’s simulation',
  );
}
