import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeWithValidation } from '../../../scripts/validation.ts';

describe('README VALIDATION section', () => {
  it('is what `npm run validation` writes from the core (run it after changing a number)', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(await readmeWithValidation(readme)).toBe(readme);
  });
});
