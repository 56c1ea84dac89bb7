/**
 * The page's side of a worker that computes one thing at a time (workers/plan.worker.ts,
 * workers/run.worker.ts): posts a request and hands back only the latest request's answer; a
 * newer request supersedes an older one, whose answer is dropped. One computation runs at a
 * time: requests made meanwhile (a slider dragged) wait, and only the last of them is posted when
 * it ends. A worker that cannot start or fails to load becomes an error answer, never a throw:
 * the rest of the page keeps working.
 */

/** What stopped a computation: the field the core names (null for anything else) and the message. */
export interface WorkerFailure {
  field: string | null;
  message: string;
}

export type WorkerReply<T> =
  { id: number; ok: true; value: T } | { id: number; ok: false; error: WorkerFailure };

/** What the page posts: the request, numbered. */
export interface WorkerRequest<R> {
  id: number;
  request: R;
}

/** Runs one request; the answer of a request superseded by a later one never arrives. */
export type LatestRunner<R, T> = (request: R, answer: (reply: WorkerReply<T>) => void) => void;

/**
 * A runner on the Web Worker `create` starts, at its first request, kept for the next. `what`
 * names it in a failure ("the planner"). `create` holds the `new Worker(new URL(...))` itself,
 * so that the bundler sees the worker's script.
 */
export function latestWorkerRunner<R, T>(create: () => Worker, what: string): LatestRunner<R, T> {
  const loadFailure = `${what} could not start in this browser`;
  let worker: Worker | null = null;
  let latest = 0;
  let onAnswer: (reply: WorkerReply<T>) => void = () => {};
  let busy = false;
  let waiting: WorkerRequest<R> | null = null;
  const post = (message: WorkerRequest<R>) => {
    waiting = null;
    busy = true;
    worker?.postMessage(message);
  };
  const fail = (message: string) =>
    onAnswer({ id: latest, ok: false, error: { field: null, message } });
  const start = (): Worker | null => {
    if (worker) return worker;
    try {
      worker = create();
    } catch (error) {
      fail(`${loadFailure} (${error instanceof Error ? error.message : String(error)})`);
      return null;
    }
    worker.onmessage = (event: MessageEvent<WorkerReply<T>>) => {
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
      fail(`${loadFailure}: ${event.message || 'its script failed to load'}`);
    };
    return worker;
  };
  return (request, answer) => {
    latest++;
    onAnswer = answer;
    if (typeof Worker !== 'function') return fail(`${loadFailure} (no Web Workers)`);
    if (!start()) return;
    // Requests come from $state.raw (no proxies), so they clone as they are.
    const message: WorkerRequest<R> = { id: latest, request };
    if (busy) waiting = message;
    else post(message);
  };
}
