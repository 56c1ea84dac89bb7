/**
 * A Hugging Face model id in the form a share link carries it: `org/name` or
 * `org/name@revision`. Apart from model-id.ts (which also reads page URLs, and says what is
 * wrong), so that the page's first download, which reads links, carries only this.
 * Repo ids follow the Hub's rules (huggingface_hub `validate_repo_id`: letters, digits, `-`, `_`,
 * `.`, at most 96 characters, no `--` or `..`).
 */

export interface HubModel {
  /** `org/name`. */
  repo: string;
  /** A branch, tag or commit; `main` unless given. */
  revision: string;
}

/** One part of a repo id (the org or the name). */
export const PART = /^(?!.*(--|\.\.))[A-Za-z0-9][\w.-]{0,95}$/;
/** Branch, tag or commit: segments of letters, digits, `_`, `.`, `-`; no `.` or `..` segment. */
export const REVISION = /^(?!(.*\/)?\.{1,2}(\/|$))[\w.-]+(\/[\w.-]+)*$/;

/**
 * The model of an id in the form a share link carries (formatModelId): `org/name` or
 * `org/name@revision`, nothing else (no URL, no spaces); null when the text is not one.
 *
 * @example readModelId('openai/gpt-oss-20b@v1') // { repo: 'openai/gpt-oss-20b', revision: 'v1' }
 * @example readModelId('https://huggingface.co/openai/gpt-oss-20b') // null
 */
export function readModelId(text: string): HubModel | null {
  const [path = '', revision, ...more] = text.split('@');
  const parts = path.split('/');
  if (more.length > 0 || parts.length !== 2 || !parts.every((p) => PART.test(p))) return null;
  if (revision !== undefined && (revision.length > 200 || !REVISION.test(revision))) return null;
  return { repo: path, revision: revision ?? 'main' };
}

/** `org/name` or `org/name@revision` (main left out): the form a share link carries. */
export function formatModelId(model: HubModel): string {
  return model.revision === 'main' ? model.repo : `${model.repo}@${model.revision}`;
}
