import { estimateResolved } from '../serving/estimate.ts';
import { findDevice } from '../serving/hardware.ts';
import { resolveServing } from '../serving/resolve.ts';
import { deploymentLabel } from './deployment-label.ts';
import type { ServingModel } from './serving-model.ts';

/**
 * The serving model itself (serving-model.ts): imported statically by whatever has it at hand
 * from the start (the page, load-all.ts), and on demand by the element.
 */
export const SERVING_MODEL: ServingModel = {
  resolveServing,
  estimateResolved,
  findDevice,
  deploymentLabel,
};
