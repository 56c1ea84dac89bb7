/** The commands of the CLI: what each is called, takes, prints and runs. */
import type { ModelSource, ModelSpec } from '../lib/core/index.ts';
import { devicesHelp, kvHelp, modelsHelp, weightFormatsHelp } from './catalog-help.ts';
import { COMPARE_MODELS, COMPARE_OPTIONS, compareCommand } from './compare-command.ts';
import type { CommandHelp } from './help.ts';
import { hubHelp, type HubCommand, type HubInput } from './hub-model.ts';
import { PARAMS_OPTIONS, paramsCommand } from './params-command.ts';
import { planCommand } from './plan-command.ts';
import { PLAN_OPTIONS } from './plan-options.ts';
import { serveCommand } from './serve-command.ts';
import { SERVE_OPTIONS } from './serve-options.ts';
import { trainCommand } from './train-command.ts';
import { TRAIN_OPTIONS } from './train-options.ts';

interface CommandBase extends CommandHelp, HubCommand {}

/** A command over one model (params, serve, train, plan). */
export interface ModelCommand extends CommandBase {
  several?: undefined;
  /**
   * Runs the command on a model with its parsed options; returns what it prints. `hub`: what
   * was read from the Hub (hub-model.ts): the tensors `params` checks its count on, the draft
   * model `serve` speculates with and the GGUF file it places.
   */
  run: (spec: ModelSpec, options: Map<string, string>, hub?: HubInput) => string;
}

/** A command over several models side by side (compare). */
export interface ModelsCommand extends CommandBase {
  several: readonly [min: number, max: number];
  /** Runs the command on the models (presets, or config.json read from a file or the Hub). */
  runSeveral: (sources: readonly ModelSource[], options: Map<string, string>) => string;
}

/** A command: its help (name, arguments, summary, option table, lists) and how it runs. */
export type Command = ModelCommand | ModelsCommand;

const MODEL = '<config.json | preset-id | org/name[@revision]>';

/** The commands, in the order the top-level help lists them. */
export const COMMANDS: readonly Command[] = [
  {
    name: 'params',
    args: MODEL,
    summary: 'count parameters: total, active per token, by component',
    options: PARAMS_OPTIONS,
    checksCheckpoint: true,
    sections: () => [modelsHelp(), hubHelp(true)],
    run: (spec, options, hub) => paramsCommand(spec, options.has('json'), hub?.checkpoint),
  },
  {
    name: 'serve',
    args: MODEL,
    summary: 'estimate serving: memory fit, longest context, speed, cost',
    options: SERVE_OPTIONS,
    sections: () => [modelsHelp(), hubHelp(false), devicesHelp(), weightFormatsHelp(), kvHelp()],
    run: (spec, options, hub) => serveCommand(spec, options, options.has('json'), hub),
  },
  {
    name: 'train',
    args: MODEL,
    summary: 'estimate training: FLOPs, GPU-hours, days, cost, memory per GPU',
    options: TRAIN_OPTIONS,
    sections: () => [modelsHelp(), hubHelp(false), devicesHelp()],
    run: (spec, options) => trainCommand(spec, options, options.has('json')),
  },
  {
    name: 'plan',
    args: MODEL,
    summary: "plan deployments: the cheapest that meets a workload's targets, and the frontier",
    options: PLAN_OPTIONS,
    sections: () => [modelsHelp(), hubHelp(false), devicesHelp(), weightFormatsHelp(), kvHelp()],
    run: (spec, options) => planCommand(spec, options, options.has('json')),
  },
  {
    name: 'compare',
    args: '<model> <model> [<model>]',
    summary:
      'two or three models side by side on the same GPUs and precision, as the page compares them',
    options: COMPARE_OPTIONS,
    several: COMPARE_MODELS,
    sections: () => [modelsHelp(), hubHelp(false, false), devicesHelp(), weightFormatsHelp()],
    runSeveral: (sources, options) => compareCommand(sources, options, options.has('json')),
  },
];

/** The command with this name, or undefined. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
