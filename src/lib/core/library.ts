/**
 * The core as a library (the package's entry, the CLI): index.ts with every family's reader
 * loaded up front, so that parseHFConfig reads any supported config at once. The page and the
 * <moe-explorer> element import index.ts and load the readers of families without a preset on
 * demand (loadFamilyReaders).
 */
import { loadAllFamilyReaders } from './model/families/all-readers.ts';

loadAllFamilyReaders();

export * from './index.ts';
