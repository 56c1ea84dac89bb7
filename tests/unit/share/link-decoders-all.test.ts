import { expect, it } from 'vitest';
import { readImported } from '../../../src/lib/share/decode-imported.ts';
import { readComparison, readDeployment } from '../../../src/lib/share/decode-serving.ts';
import { readTraining } from '../../../src/lib/share/decode-training.ts';
import { encodeTraining } from '../../../src/lib/share/training-link.ts';
import { LINK_DECODERS } from '../../../src/lib/share/link-decoders-all.ts';
import { readPlan } from '../../../src/lib/share/decode-plan.ts';
import { encodePlan } from '../../../src/lib/share/plan-link.ts';

it('LINK_DECODERS are the deployment, comparison and imported-config readers', () => {
  expect(LINK_DECODERS).toEqual({
    readDeployment,
    readComparison,
    readImported,
    readTraining,
    encodeTraining,
    readPlan,
    encodePlan,
  });
});
