/**
 * What the page says when a model cannot be opened from the Hub: what happened and what to do,
 * in one line. The Hub client's messages (hub/client.ts) are the CLI's too; the page adds what a
 * browser can do (it sends no credentials, so a gated repo stays closed to it) and points at the
 * paste box below the field.
 */
import { HubError } from '../hub/client.ts';
import { describeError } from '../share/notices.ts';

const PASTE = 'paste its config.json below';

/**
 * Why config.json of `id` could not be read (a HubError by status, or a file that is no JSON).
 *
 * @example configFailure(new HubError(401, '...'), 'meta-llama/Llama-4-Scout-17B-16E')
 *   // 'meta-llama/Llama-4-Scout-17B-16E is gated or private (HTTP 401): the page cannot read it.
 *   //  Accept its terms on the Hub, download its config.json and paste it below.'
 */
export function configFailure(error: unknown, id: string): string {
  if (error instanceof HubError) {
    if (error.status === 401 || error.status === 403)
      return `${id} is gated or private (HTTP ${error.status}): the page cannot read it. Accept its terms on the Hub, download its config.json and paste it below.`;
    if (error.status === 404) return `${error.message}, or ${PASTE}.`;
    // "could not reach …", "the Hub is rate-limiting …": a sentence of the page's starts upper case.
    const message = error.message.replace('paste its config.json instead', PASTE).replace(/^(could|the) /, (w) => w[0]!.toUpperCase() + w.slice(1));
    if (message.includes(PASTE)) return `${message}.`;
    const retry = error.status !== null && error.status >= 500 ? 'try again later' : 'check the model id';
    return `${message}: ${retry}, or ${PASTE}.`;
  }
  return `${id}: config.json could not be read (${describeError(error)}). Check the model id, or ${PASTE}.`;
} // prettier-ignore

/**
 * Why config.json of `id`, read, could not be shown (`reason`: the import's message, which names
 * the field and what was expected).
 */
export function importFailure(reason: string, id: string): string {
  return `${id}: ${reason}. The model shown is unchanged; check the model id, or paste an edited config.json below.`;
}
