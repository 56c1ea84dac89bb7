/**
 * The pins of a share link read back: one `p=<preset id>,<key>:<value>,...` per pinned column
 * (url-codec.ts writes them). Never throws: a pin without a known preset is left out, a setting
 * that is unknown or malformed is left out of its pin; each with a warning naming the pin, the
 * key, the value and what was expected. The rest of the link applies.
 */
import { findPreset, MAX_PINS, presetLoaded, type ExplorerConfig } from '../core/index.ts';
import { PIN_KEYS, shown } from './link-format.ts';

/** Reads a configuration from its parameters (decode-v1's readConfig), adding its warnings. */
export type ConfigReader = (params: URLSearchParams, warnings: string[]) => ExplorerConfig;

const PIN_FORMAT =
  'a preset id, then key:value settings, comma-separated (deepseek-v3,g:h200,w:fp8)';

/** One pin's parameters, or null (with a warning) when its model is not a preset id. */
function pinParams(value: string, where: string, warnings: string[]): URLSearchParams | null {
  const [model = '', ...pairs] = value.split(',');
  const preset = findPreset(model);
  if (!preset) {
    warnings.push(`${where}: expected ${PIN_FORMAT}, got ${shown(value)}; pin ignored`);
    return null;
  }
  if (!presetLoaded(preset)) {
    warnings.push(
      `${where}: ${preset.name} could not be loaded (its files did not arrive: check the connection and reload); pin ignored`,
    );
    return null;
  }
  const params = new URLSearchParams({ m: model });
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    const key = pair.slice(0, colon);
    let text: string | null = null;
    try {
      text = decodeURIComponent(pair.slice(colon + 1));
    } catch {
      // A broken %-escape: reported below with the pair as given.
    }
    if (colon < 0 || !(PIN_KEYS.has(key) || key.startsWith('x.')) || text === null)
      warnings.push(
        `${where}: expected key:value with a model or deployment key (g:h200, w:fp8, k:4, ...), got ${shown(pair)}; ignored`,
      );
    else if (params.has(key))
      warnings.push(`${where}, ${key}: given more than once; the first value is used`);
    else params.append(key, text);
  }
  return params;
}

/**
 * The pinned configurations of a link's `p` values, in order, at most MAX_PINS; null when the
 * link has none (the page shows the default pins), [] for `p=` alone (no pins).
 * @example readPins(['deepseek-v3,g:h200'], [], readConfig)![0]!.deployment.deviceId // 'h200'
 */
export function readPins(
  values: readonly string[],
  warnings: string[],
  readConfig: ConfigReader,
): ExplorerConfig[] | null {
  if (values.length === 0) return null;
  if (values.length === 1 && values[0] === '') return [];
  const pins: ExplorerConfig[] = [];
  const extra: string[] = [];
  values.forEach((value, i) => {
    const where = `p (pin ${i + 1})`;
    if (pins.length === MAX_PINS) {
      extra.push(`${where}: at most ${MAX_PINS} pins, got ${shown(value)}; pin ignored`);
      return;
    }
    const params = pinParams(value, where, warnings);
    if (!params) return;
    const own: string[] = [];
    pins.push(readConfig(params, own));
    for (const w of own) warnings.push(`${where}, ${w}`); // a loop: a spread of many overflows
  });
  // A link can repeat p thousands of times: past a few, one line says how many.
  if (extra.length <= MAX_PINS) warnings.push(...extra);
  else
    warnings.push(
      `p: at most ${MAX_PINS} pins; ${extra.length.toLocaleString('en-US')} more were ignored`,
    );
  return pins;
}
