/**
 * The model of a share link read back: a preset (`m=`), or an imported config, written as the
 * preset's config with `x.<field>=<JSON value>` edits and a name (`mn=`), which
 * decode-imported.ts reads. Never throws, and never gives a model that does not build; each
 * value left out with a warning naming the setting, the value and what was expected.
 */
import {
  DEFAULT_PRESET_ID,
  findPreset,
  presetLoaded,
  type ExplorerConfig,
  type Preset,
} from '../core/index.ts';
import { linkDecoders } from './link-decoders.ts';
import { shown } from './link-format.ts';

type Source = ExplorerConfig['source'];

/** The preset of `m`, or the default one (with a warning): unknown, or it could not load. */
function readPreset(params: URLSearchParams, warnings: string[]): Preset {
  const model = params.get('m');
  const preset = model === null ? undefined : findPreset(model);
  if (model !== null && !preset)
    warnings.push(`m: expected a preset id, got ${shown(model)}; showing ${DEFAULT_PRESET_ID}`);
  if (preset && !presetLoaded(preset)) {
    warnings.push(
      `m: ${preset.name} could not be loaded (its files did not arrive: check the connection and reload); showing ${DEFAULT_PRESET_ID}`,
    );
    return findPreset(DEFAULT_PRESET_ID)!;
  }
  return preset ?? findPreset(DEFAULT_PRESET_ID)!;
}

/**
 * The model of a link: the preset of `m` (the default one when absent or unknown), or, with
 * `x.*` edits or a name, an imported config made of the preset's config and the edits
 * (decode-imported.ts).
 *
 * @example readSource(new URLSearchParams('m=mixtral-8x7b&x.num_experts_per_tok=3'), [])
 *   // { kind: 'config', name: 'Mixtral 8x7B (edited)', json: { ..., num_experts_per_tok: 3 } }
 */
export function readSource(params: URLSearchParams, warnings: string[]): Source {
  const preset = readPreset(params, warnings);
  if (!params.has('mn') && ![...params.keys()].some((k) => k.startsWith('x.')))
    return { kind: 'preset', id: preset.id };
  return linkDecoders().readImported(params, warnings, preset);
}
