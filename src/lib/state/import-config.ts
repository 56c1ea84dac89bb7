/**
 * Importing a config.json into the explorer: loaded with the page's import box, not with the
 * embed or the element, which never import. Pasted text and a file's bytes take the same road.
 * The JSON is parsed once; the model is read from it in nearestPreset (which finds the form a
 * share link carries, and checks it), then once from that form, which the page then shows and
 * every later link reuses without reading it again.
 */
import {
  decodeJsonBytes,
  getPath,
  MAX_JSON_SIZE,
  nearestPreset,
  parseJsonText,
} from '../core/index.ts';
import { importedJson } from '../share/imported-link.ts';
import { cleanModelName, escapeHidden } from '../share/model-name.ts';
import { describeError } from '../share/notices.ts';
import type { ExplorerState } from './explorer.svelte.ts';

/**
 * The largest config.json file read, in bytes: what decodeJsonBytes and the CLI accept
 * (MAX_JSON_SIZE), so that the page and the CLI refuse the same files. Real ones are a few
 * kilobytes.
 */
export const MAX_IMPORT_BYTES = MAX_JSON_SIZE;

/** A file name fit for a message: no hidden characters, at most 80 characters. */
export function displayName(fileName: string): string {
  const name = cleanModelName(fileName).name || 'config.json';
  return name.length > 80 ? `${name.slice(0, 80)}…` : name;
}

/**
 * The name of an imported model: the last part of its `_name_or_path`
 * ("mistralai/Mixtral-8x7B-v0.1" gives "Mixtral-8x7B-v0.1"), else the file's name, cleaned.
 */
function importName(json: unknown, file: string): string {
  const path = getPath(json, '_name_or_path');
  const last = typeof path === 'string' ? path.split('/').filter(Boolean).pop() : undefined;
  const fallback = file.replace(/\.json$/i, '');
  return cleanModelName(last ?? fallback).name || fallback;
}

/**
 * Shows config.json text as the explorer's model; on failure the current model stays and
 * `explorer.importError` says why, named after the file. Never throws. A leading byte order
 * mark is ignored, as in a file.
 */
export function importConfig(
  explorer: ExplorerState,
  text: string,
  fileName = 'config.json',
): boolean {
  const file = displayName(fileName);
  try {
    // parseJsonText skips a leading byte order mark, as a file's, and refuses text too long.
    const parsed = parseJsonText(text);
    // Kept as a share link carries it (the nearest preset plus the fields the parser reads),
    // so that a link reproduces it. nearestPreset throws ConfigError when it does not parse.
    const { preset, edits } = nearestPreset(parsed);
    const name = importName(parsed, file);
    const source = { kind: 'config' as const, name, json: importedJson(preset, edits) };
    return explorer.showImport({ ...explorer.config, source, arch: {} }, file);
  } catch (error) {
    // A ConfigError or a JsonSyntaxError says what and where; anything else is refused too.
    explorer.importError = `${file}: ${escapeHidden(describeError(error))}`;
    return false;
  }
}

/**
 * Shows a config.json file's bytes as the explorer's model: UTF-8 with or without a byte order
 * mark, or UTF-16 with one (decodeJsonBytes), then as pasted text. Never throws.
 */
export function importConfigBytes(
  explorer: ExplorerState,
  bytes: Uint8Array,
  fileName: string,
): boolean {
  const file = displayName(fileName);
  if (!checkImportSize(explorer, bytes.length, fileName)) return false;
  let text: string;
  try {
    text = decodeJsonBytes(bytes);
  } catch (error) {
    explorer.importError = `${file}: ${escapeHidden(describeError(error))}`;
    return false;
  }
  return importConfig(explorer, text, fileName);
}

/**
 * Whether a file of `bytes` may be read; if not, `explorer.importError` says why (a file that
 * size is no config.json, and reading it would only hold up the page).
 */
export function checkImportSize(explorer: ExplorerState, bytes: number, fileName: string): boolean {
  if (bytes <= MAX_IMPORT_BYTES) return true;
  const limit = MAX_IMPORT_BYTES.toLocaleString('en-US');
  explorer.importError = `${displayName(fileName)}: expected a config.json of at most ${limit} bytes, got ${bytes.toLocaleString('en-US')}; not read`;
  return false;
}
