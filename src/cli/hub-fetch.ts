/**
 * Talking to the Hub from the CLI: its address (--hub-url, HF_ENDPOINT) and a watchdog that
 * gives up on a Hub left silent, for every read of hub-model.ts and hub-gguf.ts.
 */
import { DEFAULT_HUB_URL } from '../lib/hub/client.ts';
import { UsageError } from './usage-error.ts';

/** How long the Hub may stay silent (no new request answered) before the CLI gives up. */
export const HUB_TIMEOUT_MS = 30_000;

/** What a test replaces: the transport and the timeout. */
export interface HubDeps {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * The Hub's address: --hub-url, else HF_ENDPOINT (when not empty), else the public Hub; an
 * http or https URL without credentials, query or fragment, its trailing slashes dropped.
 */
export function hubUrlOf(flag: string | undefined, endpoint: string | undefined): string {
  const [source, text] =
    flag !== undefined
      ? ['--hub-url', flag]
      : endpoint !== undefined && endpoint.trim() !== ''
        ? ['HF_ENDPOINT', endpoint]
        : ['the default Hub', DEFAULT_HUB_URL];
  let url: URL | null = null;
  try {
    url = new URL(text.trim());
  } catch {
    // reported below
  }
  if (
    !url ||
    !['http:', 'https:'].includes(url.protocol) ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  )
    // prettier-ignore
    throw new UsageError(
      `${source}: expected an http or https URL such as ${DEFAULT_HUB_URL}, got ${JSON.stringify(text)}`,
    );
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Thrown into a request the Hub left unanswered for too long. */
export class HubTimeout extends Error {
  override readonly name = 'HubTimeout';
}

/**
 * Runs `request` with a watchdog: every request it starts re-arms a timer of `timeoutMs`; when
 * the timer fires, the request in flight is aborted (its body too) with a HubTimeout. A silent
 * Hub ends the CLI, while a checkpoint of many shards may take longer than one timeout in all.
 */
export async function fromHub<T>(
  deps: HubDeps,
  request: (options: { fetch: typeof fetch; signal: AbortSignal }) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const base = deps.fetch ?? fetch;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new HubTimeout()), deps.timeoutMs ?? HUB_TIMEOUT_MS);
  };
  const timed: typeof fetch = (input, init) => {
    arm();
    return base(input, init);
  };
  arm();
  try {
    return await request({ fetch: timed, signal: controller.signal });
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
  }
}

/** The watchdog's time, in seconds, for messages. */
export function seconds(deps: HubDeps): number {
  return (deps.timeoutMs ?? HUB_TIMEOUT_MS) / 1000;
}
