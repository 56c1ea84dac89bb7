/**
 * The explorer's link for a published run (scripts/published-runs.ts): the page's settings for
 * the case's flags (published-link.ts `linkedDeployment`), kept only where the page would show the
 * CLI's own figure for the run. tests/unit/scripts/published-runs.test.ts holds each link to it.
 */
import {
  benchmarkRun,
  loadAll,
  resolveExplorer,
  sglangFusions,
  type ExplorerConfig,
} from '../src/lib/core/index.ts';
import { addLinkDecoders } from '../src/lib/share/link-decoders.ts';
import { LINK_DECODERS } from '../src/lib/share/link-decoders-all.ts';
import { DEFAULT_VIEW } from '../src/lib/share/link-format.ts';
import { decode, encode } from '../src/lib/share/url-codec.ts';
import { parseArgs } from '../src/cli/args.ts';
import { releaseOption } from '../src/cli/efficiency-options.ts';
import { SERVE_DEFAULTS, SERVE_OPTIONS } from '../src/cli/serve-options.ts';
import { linkedDeployment, numberOf } from './published-link.ts';

/**
 * The explorer's link (a query) for a case of a preset's model, or null: where a flag has no page
 * setting (linkedDeployment), or a value is outside the page's range (a batch past 65,536), which
 * the page would leave out when it opened the link. A figure of the steady state (`steady`), which
 * the context sets, is linked only where the link's context is the CLI's: answers that run past
 * input + output widen the link's.
 */
export function explorerLink(
  preset: string,
  cli: readonly string[],
  steady = false,
): string | null {
  const deployment = linkedDeployment(cli);
  if (!deployment) return null;
  const config = { source: { kind: 'preset' as const, id: preset }, arch: {}, deployment };
  if (fusesLess(config, cli)) return null;
  if (deployment.contextTokens !== cliContext(cli) && (steady || !holdsBatch(config))) return null;
  const query = encode({ config, view: { ...DEFAULT_VIEW } });
  readsLinks();
  return decode(query).warnings.length === 0 ? `?${query}` : null;
}

/**
 * Whether the case's SGLang release fuses less of the preset's kernels than the newest, which the
 * page runs (serving/sglang-fusions.ts): no page setting means the same.
 */
function fusesLess(config: ExplorerConfig, cli: readonly string[]): boolean {
  const { options } = parseArgs(cli, SERVE_OPTIONS, 'serve');
  const era = releaseOption(options)?.memory.sglangFusions;
  if (era === undefined) return false;
  readsLinks();
  const d = resolveExplorer(config).resolved?.deployment;
  if (!d) return false;
  const older = sglangFusions({ ...d, memory: { ...d.memory, sglangFusions: era } }, 1);
  const newest = sglangFusions(d, 1);
  return older.sharedExpert !== newest.sharedExpert || older.allReduceNorm !== newest.allReduceNorm;
}

/**
 * Whether the link's deployment holds its whole batch at its context. The page keeps requests
 * the KV cache cannot hold at the context waiting (serving/workload.ts `benchmarkRun`), so a
 * context widened for long answers may run fewer than the CLI does at input + output.
 */
function holdsBatch(config: ExplorerConfig): boolean {
  readsLinks();
  const { resolved } = resolveExplorer(config);
  return resolved !== null && benchmarkRun(resolved).batch === resolved.batch;
}

/** The context the CLI runs a case at: --context, else input + output. */
function cliContext(cli: readonly string[]): number {
  const { options } = parseArgs(cli, SERVE_OPTIONS, 'serve');
  const number = (name: string) => numberOf(options, name);
  const [input, output] = [number('input'), number('output')];
  return (
    number('context') ??
    (input !== undefined && output !== undefined ? input + output : SERVE_DEFAULTS.contextTokens)
  );
}

/** Every family and link decoder at hand, as the page has them once it has loaded them. */
let ready = false;
function readsLinks(): void {
  if (ready) return;
  loadAll();
  addLinkDecoders(LINK_DECODERS);
  ready = true;
}
