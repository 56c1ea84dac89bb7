import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  ConfigError,
  findPreset,
  JsonSyntaxError,
  parseHFConfig,
  parseJsonText,
  presets,
  presetSpec,
  type ModelSpec,
} from '../lib/core/index.ts';

/** A problem with what the user gave the CLI; printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The model named by a CLI argument: a path to a config.json, or a preset id.
 * A file wins over a preset of the same name.
 */
export function loadModel(arg: string): ModelSpec {
  if (existsSync(arg)) {
    if (statSync(arg).isDirectory())
      throw new UsageError(`${arg}: is a directory; give the path of its config.json`);
    return parseConfigText(readFileSync(arg, 'utf8'), arg);
  }
  const preset = findPreset(arg);
  if (preset) return presetSpec(preset);
  const looksLikePath = arg.includes('/') || arg.endsWith('.json');
  const ids = presets.map((p) => p.id).join(', ');
  throw new UsageError(
    looksLikePath
      ? `${arg}: no such file`
      : `${arg}: not a file and not a preset (presets: ${ids})`,
  );
}

/** Parses config.json text; invalid JSON is reported with its line and column. */
export function parseConfigText(text: string, source: string): ModelSpec {
  try {
    return parseHFConfig(parseJsonText(text));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof JsonSyntaxError) {
      throw new UsageError(`${source}: ${error.message}`);
    }
    throw error;
  }
}
