/**
 * `compare`: two or three models side by side on the same GPUs and precision, the page's
 * Compare table (core explorer/compare.ts) as text or JSON, each figure with its difference
 * against the first column. For a post's table ("Scout, Maverick and DeepSeek-V3 on 8 x H200").
 */
import {
  ConfigError,
  DEFAULT_COMPARE,
  DEFAULT_DEPLOYMENT,
  DEVICE_IDS,
  LIMITS,
  MAX_PINS,
  WEIGHT_FORMAT_IDS,
  compareTable,
  findDevice,
  formatCompareCell,
  formatCompareMarkdown,
  formatInteger,
  parseTokenCount,
  resolveExplorer,
  resolvePin,
  type ByteUnit,
  type CompareSettings,
  type CompareTable,
  type ExplorerConfig,
  type ModelSource,
  type WeightFormatId,
} from '../lib/core/index.ts';
import { choiceOption, numberOption } from './args.ts';
import { columns } from './help.ts';
import { HELP_OPTION, HUB_GROUP, findOption, hubOptions, type CliOption } from './options.ts';
import { UsageError } from './usage-error.ts';

const SHARED = 'what every column runs on (the page\u2019s "Same GPU and precision for all")';
const OUTPUT = 'output';

/** The options of `compare`: the table the parser and the help share. */
export const COMPARE_OPTIONS: readonly CliOption[] = [
  { group: SHARED, name: 'gpu', arg: 'ID', default: DEFAULT_COMPARE.deviceId, help: 'a device of the catalog (below)' },
  { group: SHARED, name: 'gpus', arg: 'N', range: [1, LIMITS.devices], integer: true, default: String(DEFAULT_COMPARE.devices), help: 'devices of each column' },
  { group: SHARED, name: 'weights', arg: 'FMT', default: DEFAULT_COMPARE.weights, help: 'weight format of every column (below)' },
  { group: SHARED, name: 'context', arg: 'TOKENS', range: [1, LIMITS.contextTokens], integer: true, default: formatInteger(DEFAULT_DEPLOYMENT.contextTokens), help: 'tokens per sequence; 128k, 10M are decimal, 128Ki binary' },
  { group: SHARED, name: 'batch', arg: 'N', range: [1, LIMITS.batch], integer: true, default: String(DEFAULT_DEPLOYMENT.batch), help: 'concurrent sequences of each column' },
  // Each model id takes its own @revision: --revision would not say whose.
  ...hubOptions(HUB_GROUP).filter((o) => o.name !== 'revision'),
  { group: OUTPUT, name: 'bytes', arg: 'UNIT', default: 'GB', help: 'memory in GB (10^9 bytes) or GiB (2^30)' },
  { group: OUTPUT, name: 'markdown', help: 'print the table in Markdown, for a post' },
  { group: OUTPUT, name: 'json', help: 'print one JSON object: the columns, and each row\u2019s cells with their differences' },
  { group: OUTPUT, ...HELP_OPTION },
]; // prettier-ignore

/** How many models `compare` takes: two, up to the page's pins. */
export const COMPARE_MODELS = [2, MAX_PINS] as const;

const number = (options: Map<string, string>, name: string) =>
  numberOption(options, findOption(COMPARE_OPTIONS, name));

/** The shared GPUs and precision from the options, checked. */
function compareSettings(options: Map<string, string>): CompareSettings {
  const id = (options.get('gpu') ?? DEFAULT_COMPARE.deviceId).toLowerCase();
  if (!findDevice(id))
    throw new UsageError(`--gpu: expected one of ${DEVICE_IDS.join(', ')}, got ${JSON.stringify(options.get('gpu'))}`); // prettier-ignore
  return {
    same: true,
    deviceId: id,
    devices: number(options, 'gpus') ?? DEFAULT_COMPARE.devices,
    weights:
      choiceOption<WeightFormatId>(options, 'weights', WEIGHT_FORMAT_IDS) ??
      DEFAULT_COMPARE.weights,
  };
}

/** --context as the explorer reads a token count (128k, 10M), within its range. */
function contextTokens(options: Map<string, string>): number {
  const text = options.get('context');
  if (text === undefined) return DEFAULT_DEPLOYMENT.contextTokens;
  try {
    const tokens = parseTokenCount(text, '--context');
    if (tokens <= LIMITS.contextTokens) return tokens;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UsageError(error.message);
  }
  throw new UsageError(`--context: expected a token count from 1 to ${formatInteger(LIMITS.contextTokens)}, got ${JSON.stringify(text)}`); // prettier-ignore
}

/** One pin per model, on the page's default deployment at the context and batch given. */
function pinsOf(sources: readonly ModelSource[], options: Map<string, string>): ExplorerConfig[] {
  const deployment = {
    ...DEFAULT_DEPLOYMENT,
    contextTokens: contextTokens(options),
    batch: number(options, 'batch') ?? DEFAULT_DEPLOYMENT.batch,
  };
  return sources.map((source) => ({ source, arch: {}, deployment }));
}

/** Why a column (as resolvePin shows it) is invalid: a context or batch it cannot take. */
function invalidReason(config: ExplorerConfig): string | null {
  try {
    resolveExplorer(config);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

/** The table as text: a header of two lines, then one line per row. */
function tableText(table: CompareTable, notes: readonly string[]): string {
  const rows = [
    ['', ...table.columns.map((c) => c.label.model)],
    ['', ...table.columns.map((c) => c.label.deployment)],
    ...table.rows.map((row) => [row.label, ...row.cells.map(formatCompareCell)]),
  ];
  return [...columns(rows, ''), ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}

/**
 * The `compare` command: the models (two or three) as the page's Compare panel shows them,
 * every column on the same GPUs and precision. Throws UsageError for bad options.
 */
export function compareCommand(
  sources: readonly ModelSource[],
  options: Map<string, string>,
  json: boolean,
): string {
  const settings = compareSettings(options);
  const unit: ByteUnit = choiceOption(options, 'bytes', ['gb', 'gib']) === 'gib' ? 'GiB' : 'GB';
  const pins = pinsOf(sources, options).map((config, id) => resolvePin({ id, config }, settings));
  const table = compareTable(pins, unit);
  const invalid = pins.flatMap(({ config, result }, i) =>
    result ? [] : [{ column: i, reason: invalidReason(config) ?? 'invalid' }],
  );
  if (json) return JSON.stringify({ settings, unit, ...table, invalid }, null, 2);
  const notes = invalid.map(
    ({ column, reason }) => `${table.columns[column]!.label.model}: invalid: ${reason}`,
  );
  return options.has('markdown') ? formatCompareMarkdown(table, notes) : tableText(table, notes);
}
