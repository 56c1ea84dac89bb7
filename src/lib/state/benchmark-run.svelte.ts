/**
 * The Serving panel's benchmark run (core explorer/benchmark-run.ts), computed on a worker
 * (workers/run.worker.ts) as the model or the deployment changes: the latest answer, and whether
 * a newer one is on its way. Nothing is asked without a prompt count, both token counts and a
 * valid deployment on GPUs alone.
 */
import type { BenchmarkRun, DeploymentSettings } from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';
import type { WorkerFailure, WorkerReply } from './latest-worker.ts';
import { runWorkerRunner, type RunRequest, type RunRunner } from './run-client.ts';

/** What the whole run shows of the benchmark run. */
export interface BenchmarkRunView {
  readonly run: BenchmarkRun | null;
  readonly failure: WorkerFailure | null;
  /** A run is being simulated; the one shown is the one before it. */
  readonly running: boolean;
}

export class BenchmarkRunState implements BenchmarkRunView {
  #run = $state.raw<BenchmarkRun | null>(null);
  #failure = $state.raw<WorkerFailure | null>(null);
  #running = $state(false);
  #asked: RunRequest | null = null;
  /** Bumped by every request and by every change that wants none: older answers are dropped. */
  #ticket = 0;

  constructor(
    private readonly explorer: ExplorerState,
    private readonly runner: RunRunner = runWorkerRunner(),
  ) {}

  get run(): BenchmarkRun | null {
    return this.#run;
  }
  get failure(): WorkerFailure | null {
    return this.#failure;
  }
  get running(): boolean {
    return this.#running;
  }

  /** Call from an effect: asks for the run of the explorer's model and deployment, once each. */
  update(): void {
    const { spec, resolved } = this.explorer.result;
    const deployment = this.explorer.config.deployment;
    if (this.#asked?.spec === spec && this.#asked.deployment === deployment) return;
    this.#asked = { spec, deployment };
    const ticket = ++this.#ticket;
    if (!resolved || !wantsRun(deployment)) {
      this.#show(null, null);
      return;
    }
    this.#running = true;
    this.runner({ spec, deployment }, (reply) => {
      if (ticket === this.#ticket) this.#answer(reply);
    });
  }

  #answer(reply: WorkerReply<BenchmarkRun | null>): void {
    if (reply.ok) this.#show(reply.value, null);
    else this.#show(null, reply.error);
  }

  #show(run: BenchmarkRun | null, failure: WorkerFailure | null): void {
    this.#running = false;
    this.#run = run;
    this.#failure = failure;
  }
}

/** A run of a set of prompts is asked for: a prompt count and both token counts, on GPUs alone. */
function wantsRun(d: DeploymentSettings): boolean {
  return d.runPrompts != null && d.promptTokens != null && d.answerTokens != null && !d.host;
}
