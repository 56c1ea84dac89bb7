import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';

it('the package entry reads every family synchronously, and exports what index.ts does', async () => {
  vi.resetModules(); // a fresh core, without the test setup's loadAllFamilyReaders()
  const library = await import('../../../src/lib/core/library.ts');
  const index = await import('../../../src/lib/core/index.ts');
  expect(Object.keys(library).sort()).toEqual(Object.keys(index).sort());
  const hunyuan: unknown = JSON.parse(
    readFileSync('tests/fixtures/new-families/hunyuan-a13b-instruct.config.json', 'utf8'),
  );
  expect(library.parseHFConfig(hunyuan).family).toBe('hunyuan_v1_moe');
});
