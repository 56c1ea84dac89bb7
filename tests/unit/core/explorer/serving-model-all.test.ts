import { expect, it } from 'vitest';
import {
  defaultConfig,
  estimateResolved,
  findDevice,
  resolveExplorer,
  resolveServing,
  SERVING_MODEL,
} from '../../../../src/lib/core/index.ts';
import { deploymentLabel } from '../../../../src/lib/core/explorer/deployment-label.ts';

it('SERVING_MODEL is resolveServing, estimateResolved, findDevice and deploymentLabel: what resolveExplorer computes with', () => {
  expect(SERVING_MODEL).toEqual({ resolveServing, estimateResolved, findDevice, deploymentLabel });
  const result = resolveExplorer(defaultConfig());
  expect(result.serving).toEqual(estimateResolved(result.resolved!));
});
