import { expect, it, vi } from 'vitest';

it('linkDecoders() throws until addLinkDecoders registers them, then gives them', async () => {
  vi.resetModules(); // the element's start: nothing registered (the test setup registers them)
  const { addLinkDecoders, linkDecoders, linkDecodersLoaded } =
    await import('../../../src/lib/share/link-decoders.ts');
  expect(linkDecodersLoaded()).toBe(false);
  expect(() => linkDecoders()).toThrow('the link decoders have not loaded');
  const decoders = { readDeployment: vi.fn(), readComparison: vi.fn(), readImported: vi.fn() };
  addLinkDecoders(decoders);
  expect(linkDecodersLoaded()).toBe(true);
  expect(linkDecoders()).toBe(decoders);
});

it('a link read without the decoders is not read: the decoder says so and shows the default', async () => {
  vi.resetModules();
  const core = await import('../../../src/lib/core/index.ts');
  core.addServingModel(core.SERVING_MODEL);
  const { decode } = await import('../../../src/lib/share/url-codec.ts');
  const decoded = decode('k=2');
  expect(decoded.config).toEqual(core.defaultConfig());
  expect(decoded.warnings).toEqual([
    'the link could not be read (the link decoders have not loaded); showing the default',
  ]);
});
