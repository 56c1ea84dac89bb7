/**
 * A Hugging Face model named as people name it: `org/name`, `org/name@revision`, or a model page
 * URL (`https://huggingface.co/org/name`, `.../tree/<revision>`, `.../blob/<revision>/<file>`).
 * Repo ids follow the Hub's rules (huggingface_hub `validate_repo_id`: letters, digits, `-`, `_`,
 * `.`, at most 96 characters, no `--` or `..`).
 */

import { PART, REVISION, type HubModel } from './link-id.ts';

export { formatModelId, readModelId, type HubModel } from './link-id.ts';

/** Why a text is not a model id, in words a person can act on. */
export class ModelIdError extends Error {
  override readonly name = 'ModelIdError';
}

/**
 * The model a text names; throws ModelIdError saying what is expected.
 *
 * @example parseModelId('Qwen/Qwen3-Next-80B-A3B-Instruct') // { repo: 'Qwen/Qwen3-Next-80B-A3B-Instruct', revision: 'main' }
 * @example parseModelId('https://huggingface.co/openai/gpt-oss-20b/tree/v1') // { repo: 'openai/gpt-oss-20b', revision: 'v1' }
 */
export function parseModelId(text: string): HubModel {
  const given = text.trim();
  let path = given;
  let revision: string | null = null;
  const url = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/(.*)$/i.exec(given);
  if (url) {
    const [org = '', name = '', kind, ...rest] = url[1]!.split(/[?#]/)[0]!.split('/');
    path = `${org}/${name}`;
    if ((kind === 'tree' || kind === 'blob' || kind === 'resolve') && rest.length > 0)
      revision = decodeURIComponent(kind === 'tree' ? rest.join('/') : rest[0]!);
  } else {
    const at = given.lastIndexOf('@');
    if (at > 0) {
      path = given.slice(0, at);
      revision = given.slice(at + 1);
    }
  }
  const parts = path.split('/');
  if (parts.length !== 2 || !parts.every((p) => PART.test(p)))
    throw new ModelIdError(
      `${JSON.stringify(given.slice(0, 120))}: expected a Hugging Face model id such as ` +
        '"Qwen/Qwen3-Next-80B-A3B-Instruct", optionally with "@revision", or its page URL',
    );
  if (revision !== null && (revision.length > 200 || !REVISION.test(revision)))
    throw new ModelIdError(
      `${JSON.stringify(revision.slice(0, 120))}: expected a branch, tag or commit after "@"`,
    );
  return { repo: parts.join('/'), revision: revision ?? 'main' };
}
