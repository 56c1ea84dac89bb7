/**
 * The deployment planner off the main thread (issue 15): one search (core `planDeployments`,
 * 0.2 to 1.5 s over four devices) per request, answered with the plan or the error that stopped
 * it, named as the core names it (ConfigError: field, value, what is expected).
 */
import { ConfigError, planDeployments, planOptions, planWorkload } from '../core/index.ts';
import type { PlanReply, PlanRequest } from '../state/plan-client.ts';

self.onmessage = (event: MessageEvent<PlanRequest>) => {
  const { id, spec, settings } = event.data;
  let reply: PlanReply;
  try {
    const plan = planDeployments(spec, planWorkload(settings), planOptions(settings));
    reply = { id, ok: true, plan };
  } catch (error) {
    reply = {
      id,
      ok: false,
      error:
        error instanceof ConfigError
          ? { field: error.field, message: error.message }
          : { field: null, message: error instanceof Error ? error.message : String(error) },
    };
  }
  self.postMessage(reply);
};
