import { statSync, type Stats } from 'node:fs';
import {
  ConfigError,
  decodeJsonBytes,
  findPreset,
  JsonSyntaxError,
  parseHFConfig,
  parseJsonText,
  presets,
  presetSpec,
  type ModelSource,
  type ModelSpec,
} from '../lib/core/index.ts';
import { readConfigFile } from './read-config-file.ts';
import { UsageError } from './usage-error.ts';

/**
 * The model named by a CLI argument: a path to a config.json, or a preset id.
 * A file wins over a preset of the same name. Only a regular file is read (read-config-file.ts).
 */
export function loadModel(arg: string): ModelSpec {
  const stats = statPath(arg);
  if (stats) return parseConfigBytes(readConfigFile(arg, stats), arg);
  const preset = findPreset(arg);
  if (preset) return presetSpec(preset);
  throw noModel(arg);
}

/** An argument that names neither a file nor a preset. */
function noModel(arg: string): UsageError {
  const looksLikePath = arg.includes('/') || arg.endsWith('.json');
  const ids = presets.map((p) => p.id).join(', ');
  return new UsageError(
    looksLikePath
      ? `${arg}: no such file`
      : `${arg}: not a file and not a preset (presets: ${ids})`,
  );
}

/**
 * A model argument as the explorer's configuration takes it: a preset by its id, or a
 * config.json file's JSON (checked as loadModel checks it, so its errors name the file), named
 * as the model's config names it.
 */
export function loadSource(arg: string): ModelSource {
  const stats = statPath(arg);
  if (stats) {
    const json = named(arg, () => parseJsonText(decodeJsonBytes(readConfigFile(arg, stats))));
    // Named as `serve <file>` names it: parseHFConfig's name of the config.
    return { kind: 'config', name: named(arg, () => parseHFConfig(json)).name, json };
  }
  const preset = findPreset(arg);
  if (preset) return { kind: 'preset', id: preset.id };
  throw noModel(arg);
}

/** Errors of stat that mean "there is no file by that name", so the argument may be a preset. */
const NOT_A_PATH = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'EINVAL']);

/**
 * The stat of `path` (following symbolic links), without opening it; undefined when no file
 * has that name. Any other failure (permission, a loop of links) is a UsageError.
 */
function statPath(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (NOT_A_PATH.has(code)) return undefined;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
    throw new UsageError(`${path}: could not be read (${reason || String(error)})`);
  }
}

/**
 * Parses the bytes of a config.json as the explorer's file import does: UTF-8 with or without a
 * byte order mark, or UTF-16 with one (decodeJsonBytes), then JSON with line and column errors.
 */
export function parseConfigBytes(bytes: Uint8Array, source: string): ModelSpec {
  return named(source, () => parseHFConfig(parseJsonText(decodeJsonBytes(bytes))));
}

/** Parses config.json text; invalid JSON is reported with its line and column. */
export function parseConfigText(text: string, source: string): ModelSpec {
  return named(source, () => parseHFConfig(parseJsonText(text)));
}

/** `read()`, with a config or JSON error turned into a UsageError that names `source`. */
function named<T>(source: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof JsonSyntaxError) {
      throw new UsageError(`${source}: ${error.message}`);
    }
    throw error;
  }
}
