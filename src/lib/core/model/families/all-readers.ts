import { addFamilyReaders } from '../hf-config.ts';
import { MORE_FAMILY_READERS } from './more-readers.ts';

/**
 * Makes every family readable at once, without waiting for `loadFamilyReaders`: for the library
 * entry (library.ts), the CLI and the tests, which have every module at hand.
 */
export function loadAllFamilyReaders(): void {
  addFamilyReaders(MORE_FAMILY_READERS);
}
