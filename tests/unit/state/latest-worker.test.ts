import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  latestWorkerRunner,
  type WorkerReply,
  type WorkerRequest,
} from '../../../src/lib/state/latest-worker.ts';

/** A worker that records what it is sent and answers when the test says. */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: WorkerRequest<number>[] = [];
  onmessage: ((event: MessageEvent<WorkerReply<number>>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: WorkerRequest<number>) {
    this.sent.push(message);
  }
  terminate() {}
  /** Answers the last request sent with its value doubled. */
  answer() {
    const { id, request } = this.sent.at(-1)!;
    this.onmessage?.({ data: { id, ok: true, value: request * 2 } } as MessageEvent);
  }
}

beforeEach(() => {
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const runner = () =>
  latestWorkerRunner<number, number>(() => new Worker('x') as unknown as Worker, 'the test');

describe('latestWorkerRunner', () => {
  it('posts at once when the worker is idle, and hands back the answer', () => {
    const run = runner();
    const answers: WorkerReply<number>[] = [];
    run(1, (r) => answers.push(r));
    const worker = FakeWorker.made[0]!;
    expect(worker.sent).toEqual([{ id: 1, request: 1 }]);
    worker.answer();
    expect(answers).toEqual([{ id: 1, ok: true, value: 2 }]);
  });

  it('while one computes, only the latest request waits, posted when it answers; the stale answer is dropped', () => {
    const run = runner();
    const answers: WorkerReply<number>[] = [];
    run(1, (r) => answers.push(r));
    const worker = FakeWorker.made[0]!;
    run(2, (r) => answers.push(r));
    run(3, (r) => answers.push(r));
    expect(worker.sent.map((m) => m.request)).toEqual([1]);
    worker.answer(); // 1's answer: stale, and 3 goes out
    expect(answers).toEqual([]);
    expect(worker.sent.map((m) => m.request)).toEqual([1, 3]);
    worker.answer();
    expect(answers).toEqual([{ id: 3, ok: true, value: 6 }]);
  });

  it('without Web Workers, an error answer names what could not start; nothing throws', () => {
    vi.stubGlobal('Worker', undefined);
    const answers: WorkerReply<number>[] = [];
    runner()(1, (r) => answers.push(r));
    expect(answers).toEqual([
      {
        id: 1,
        ok: false,
        error: {
          field: null,
          message: 'the test could not start in this browser (no Web Workers)',
        },
      },
    ]);
  });
});
