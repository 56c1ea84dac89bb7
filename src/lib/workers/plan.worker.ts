/**
 * The deployment planner off the main thread (issue 15): one search (core `planDeployments`,
 * 0.2 to 1.5 s over four devices) per request, answered with the plan or the error that stopped
 * it (answer.ts).
 */
import { planDeployments, planOptions, planWorkload } from '../core/index.ts';
import type { PlanRequest } from '../state/plan-client.ts';
import type { WorkerRequest } from '../state/latest-worker.ts';
import { answer } from './answer.ts';

self.onmessage = (event: MessageEvent<WorkerRequest<PlanRequest>>) => {
  const { id, request } = event.data;
  const { spec, settings } = request;
  self.postMessage(
    answer(id, () => planDeployments(spec, planWorkload(settings), planOptions(settings))),
  );
};
