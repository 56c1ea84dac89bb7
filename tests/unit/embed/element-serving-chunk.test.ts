import { expect, it, vi } from 'vitest';

/** A fresh element state, as a page has it: nothing installed by the test setup. */
async function fresh() {
  vi.resetModules();
  const core = await import('../../../src/lib/core/index.ts');
  const decoders = await import('../../../src/lib/share/link-decoders.ts');
  const element = await import('../../../src/embed/element-state.ts');
  return { core, decoders, element };
}

it('the element waits for the serving model and the link decoders (serving-chunk.ts), then opens its state', async () => {
  const { core, decoders, element } = await fresh();
  expect(core.servingModelLoaded()).toBe(false);
  expect(decoders.linkDecodersLoaded()).toBe(false);
  expect(() => core.resolveExplorer(core.defaultConfig())).toThrow(
    'the serving model has not loaded',
  );
  const waiting = element.stateLoading('v=1&k=2&g=h200');
  expect(waiting).toBeInstanceOf(Promise);
  await waiting;
  expect(core.servingModelLoaded()).toBe(true);
  expect(decoders.linkDecodersLoaded()).toBe(true);
  expect(element.stateLoading('v=1&k=2&g=h200')).toBeNull();
  const { explorer, warnings } = element.openState('v=1&k=2&g=h200');
  expect(warnings).toEqual([]);
  expect(explorer.config.deployment.deviceId).toBe('h200');
  expect(explorer.result.serving?.weightsBytes).toBeGreaterThan(0);
});

it('a failed load of serving-chunk.ts rejects, and a later call tries again', async () => {
  vi.resetModules();
  let fail = true;
  vi.doMock('../../../src/embed/serving-chunk.ts', async (importOriginal) => {
    if (fail) throw new TypeError('Failed to fetch dynamically imported module');
    return importOriginal();
  });
  const { core, element } = await fresh();
  await expect(element.stateLoading('v=1')).rejects.toThrow();
  expect(core.servingModelLoaded()).toBe(false);
  fail = false;
  await element.stateLoading('v=1');
  expect(core.servingModelLoaded()).toBe(true);
  vi.doUnmock('../../../src/embed/serving-chunk.ts');
});
