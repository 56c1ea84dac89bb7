/**
 * The page's side of the planner's worker (workers/plan.worker.ts): posts a request (the model
 * and the Plan view's settings) and hands back only the latest request's answer; a newer request
 * supersedes an older one, whose answer is dropped. One search runs at a time: requests made
 * meanwhile (a slider dragged) wait, and only the last of them is posted when it ends. A worker that cannot start or fails to load
 * becomes an error answer, never a throw: the rest of the page keeps working.
 */
import type { DeploymentPlan, ModelSpec, PlanSettings } from '../core/index.ts';

export interface PlanRequest {
  id: number;
  spec: ModelSpec;
  settings: PlanSettings;
}

/** What stopped a search: the field the core names (null for anything else) and the message. */
export interface PlanFailure {
  field: string | null;
  message: string;
}

export type PlanReply =
  { id: number; ok: true; plan: DeploymentPlan } | { id: number; ok: false; error: PlanFailure };

/** Runs one search; the answer of a request superseded by a later one never arrives. */
export type PlanRunner = (
  spec: ModelSpec,
  settings: PlanSettings,
  answer: (reply: PlanReply) => void,
) => void;

const LOAD_FAILURE = 'the planner could not start in this browser';

/** A runner on a Web Worker, started at its first request and kept for the next. */
export function workerRunner(): PlanRunner {
  let worker: Worker | null = null;
  let latest = 0;
  let onAnswer: (reply: PlanReply) => void = () => {};
  let busy = false;
  let waiting: PlanRequest | null = null;
  const post = (request: PlanRequest) => {
    waiting = null;
    busy = true;
    worker?.postMessage(request);
  };
  const fail = (message: string) =>
    onAnswer({ id: latest, ok: false, error: { field: null, message } });
  const start = (): Worker | null => {
    if (worker) return worker;
    try {
      worker = new Worker(new URL('../workers/plan.worker.ts', import.meta.url), {
        type: 'module',
      });
    } catch (error) {
      fail(`${LOAD_FAILURE} (${error instanceof Error ? error.message : String(error)})`);
      return null;
    }
    worker.onmessage = (event: MessageEvent<PlanReply>) => {
      busy = false;
      if (waiting) post(waiting);
      else if (event.data.id === latest) onAnswer(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker?.terminate();
      worker = null;
      busy = false;
      waiting = null;
      fail(`${LOAD_FAILURE}: ${event.message || 'its script failed to load'}`);
    };
    return worker;
  };
  return (spec, settings, answer) => {
    latest++;
    onAnswer = answer;
    if (typeof Worker !== 'function') return fail(`${LOAD_FAILURE} (no Web Workers)`);
    if (!start()) return;
    // Both come from $state.raw (no proxies), so they clone as they are.
    const request: PlanRequest = { id: latest, spec, settings };
    if (busy) waiting = request;
    else post(request);
  };
}
