/**
 * Importing a config.json into the explorer: loaded with the page's import box, not with the
 * embed or the element, which never import.
 */
import {
  canonicalImport,
  ConfigError,
  JsonSyntaxError,
  parseHFConfig,
  parseJsonText,
} from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';

/**
 * Shows config.json text as the explorer's model; on failure the current model stays and
 * `explorer.importError` says why, named after the file.
 */
export function importConfig(
  explorer: ExplorerState,
  text: string,
  fileName = 'config.json',
): boolean {
  try {
    const parsed = parseJsonText(text);
    const spec = parseHFConfig(parsed);
    const name = spec.name !== spec.family ? spec.name : fileName.replace(/\.json$/i, '');
    // Kept as a share link carries it (the fields the parser reads), so links reproduce it.
    const json = canonicalImport(parsed);
    return explorer.showImport({
      ...explorer.config,
      source: { kind: 'config', name, json },
      arch: {},
    });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof JsonSyntaxError) {
      explorer.importError = `${fileName}: ${error.message}`;
      return false;
    }
    throw error;
  }
}
