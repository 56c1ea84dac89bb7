import { readImported } from './decode-imported.ts';
import { readComparison, readDeployment } from './decode-serving.ts';
import { readPlan } from './decode-plan.ts';
import { encodePlan } from './plan-link.ts';
import { readTraining } from './decode-training.ts';
import { encodeTraining } from './training-link.ts';
import type { LinkDecoders } from './link-decoders.ts';

/**
 * The link decoders themselves (link-decoders.ts): imported on demand, with the serving model,
 * by the page and the element (embed/serving-chunk.ts), and statically by the tests' setup.
 */
export const LINK_DECODERS: LinkDecoders = {
  readDeployment,
  readComparison,
  readImported,
  readTraining,
  encodeTraining,
  readPlan,
  encodePlan,
};
