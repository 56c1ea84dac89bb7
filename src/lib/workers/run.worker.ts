/**
 * A serving benchmark's run off the main thread: one run (core `benchmarkRunFor`, a few
 * milliseconds to about half a second) per request, answered with the run or the error that
 * stopped it (answer.ts).
 */
import { addServingModel, benchmarkRunFor, SERVING_MODEL } from '../core/index.ts';
import type { RunRequest } from '../state/run-client.ts';
import type { WorkerRequest } from '../state/latest-worker.ts';
import { answer } from './answer.ts';

addServingModel(SERVING_MODEL);

self.onmessage = (event: MessageEvent<WorkerRequest<RunRequest>>) => {
  const { id, request } = event.data;
  self.postMessage(answer(id, () => benchmarkRunFor(request.spec, request.deployment)));
};
