/**
 * A GGUF file from the Hub in the share link: `gguf=org/name/<path>.gguf` on the public Hub
 * (`org/name@revision/<path>` at another revision), or the file's whole address on a mirror
 * (`gguf=http://mirror/org/name/resolve/main/<path>`). Written beside the host's parameters
 * (url-codec.ts writes a deployment's `gguf.hub`, with `/`, `@` and `:` as is), read when the
 * page opens the link (state/gguf-import.svelte.ts), which reads the file's header from the Hub
 * again. A file dropped from a disk has no address: a link cannot carry it.
 */
import { DEFAULT_HUB_URL } from '../hub/hub-url.ts';
import { GgufFileIdError, parseGgufFile, type HubGgufFile } from '../hub/gguf-file.ts';
import { shown } from './link-format.ts';

/**
 * The link's value for a Hub file: short on the public Hub, else its address.
 *
 * @example ggufLinkValue(parseGgufFile('unsloth/gpt-oss-20b-GGUF/gpt-oss-20b-Q4_K_M.gguf'))
 *   // 'unsloth/gpt-oss-20b-GGUF/gpt-oss-20b-Q4_K_M.gguf'
 */
export function ggufLinkValue(file: HubGgufFile): string {
  const { repo, revision } = file.model;
  if (file.hubUrl === DEFAULT_HUB_URL && !revision.includes('/'))
    return `${repo}${revision === 'main' ? '' : `@${revision}`}/${file.path}`;
  const rev = revision.split('/').map(encodeURIComponent).join('%2F');
  return `${file.hubUrl}/${repo}/resolve/${rev}/${file.path}`;
}

/**
 * The Hub file a link's `gguf=` value names, or the line for the link's notice saying what was
 * expected (the value is then ignored).
 *
 * @example readGgufLink('acme/m-GGUF/m.gguf') // { file: { hubUrl: 'https://huggingface.co', ... } }
 * @example readGgufLink('m.gguf') // { warning: 'gguf: "m.gguf": expected a .gguf file on the Hub: ...; ignored' }
 */
export function readGgufLink(value: string): { file: HubGgufFile } | { warning: string } {
  try {
    return { file: parseGgufFile(value, DEFAULT_HUB_URL) };
  } catch (error) {
    if (!(error instanceof GgufFileIdError)) throw error;
    return { warning: `gguf: ${error.expected}, got ${shown(value)}; ignored` };
  }
}

/** A query string's `gguf=` value (the first), null without one. */
export function ggufLinkParam(query: string): string | null {
  return new URLSearchParams(query).get('gguf');
}
