/**
 * A GGUF file on the Hugging Face Hub (or a mirror), named as people name it: `org/name/<path>`
 * with its folders (`unsloth/gpt-oss-120b-GGUF/Q4_K_M/gpt-oss-120b-Q4_K_M-00001-of-00002.gguf`),
 * `org/name@revision/<path>`, or the file's address (`<hub>/org/name/resolve/<revision>/<path>`,
 * or `/blob/` as the Hub's file page has it). Repo ids and revisions follow link-id.ts.
 */
import { DEFAULT_HUB_URL } from './hub-url.ts';
import { PART, REVISION, type HubModel } from './link-id.ts';

export interface HubGgufFile {
  /** The Hub's address (hub-url.ts), without a trailing slash. */
  hubUrl: string;
  model: HubModel;
  /** The file's path in the repo, folders and name: `Q4_K_M/model-00001-of-00002.gguf`. */
  path: string;
}

/** Why a text names no GGUF file on the Hub, in words a person can act on. */
export class GgufFileIdError extends Error {
  override readonly name = 'GgufFileIdError';
  constructor(
    given: string,
    /** What was expected instead ("expected a file whose name ends in .gguf"). */
    readonly expected: string,
  ) {
    super(`${JSON.stringify(given.slice(0, 120))}: ${expected}`);
  }
}

/** A folder or file name in a repo: letters, digits, `_`, `.`, `-`, `+`; no `.` or `..`. */
const SEGMENT = /^(?!\.{1,2}$)[\w.+-]{1,255}$/;
/** The public Hub's hosts. */
const PUBLIC_HOST = /^(?:www\.)?(?:huggingface\.co|hf\.co)$/i;

const EXPECTED =
  "expected a .gguf file on the Hub: org/name/<file>.gguf (with its folders), org/name@revision/<file>.gguf, or the file's address";

function fail(given: string, why = EXPECTED): never {
  throw new GgufFileIdError(given, why);
}

/** Checks the parts of a file's name and returns it. */
function checked(given: string, file: HubGgufFile): HubGgufFile {
  const [org = '', name = ''] = file.model.repo.split('/');
  if (!PART.test(org) || !PART.test(name)) fail(given);
  const revision = file.model.revision;
  if (revision.length > 200 || !REVISION.test(revision))
    fail(given, 'expected a branch, tag or commit as the revision');
  const segments = file.path.split('/');
  if (!segments.every((s) => SEGMENT.test(s)))
    fail(given, "expected a file path of letters, digits, '_', '.', '-' and '+' between '/'");
  if (!/\.gguf$/i.test(file.path)) fail(given, 'expected a file whose name ends in .gguf');
  return file;
}

/** `<hub>/org/name/(resolve|blob)/<revision>/<path>`: the Hub is what comes before org/name. */
function fromUrl(given: string, url: URL): HubGgufFile {
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password) fail(given);
  const segments = url.pathname.split('/').filter(Boolean);
  const at = segments.findIndex((s, i) => i >= 2 && (s === 'resolve' || s === 'blob'));
  if (at < 0 || segments.length < at + 3) fail(given);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return fail(given);
    }
  };
  const prefix = segments.slice(0, at - 2).join('/');
  const hubUrl = PUBLIC_HOST.test(url.hostname)
    ? DEFAULT_HUB_URL
    : `${url.origin}${prefix ? `/${prefix}` : ''}`;
  return {
    hubUrl,
    model: { repo: `${segments[at - 2]}/${segments[at - 1]}`, revision: decode(segments[at + 1]!) },
    path: segments
      .slice(at + 2)
      .map(decode)
      .join('/'),
  };
}

/**
 * The GGUF file a text names; `hubUrl` is the Hub of a text that is no address (the page's Hub
 * address setting). Throws GgufFileIdError saying what is expected.
 *
 * @example parseGgufFile('unsloth/gpt-oss-20b-GGUF/gpt-oss-20b-Q4_K_M.gguf')
 *   // { hubUrl: 'https://huggingface.co', model: { repo: 'unsloth/gpt-oss-20b-GGUF',
 *   //   revision: 'main' }, path: 'gpt-oss-20b-Q4_K_M.gguf' }
 * @example parseGgufFile('https://huggingface.co/o/m/blob/v1/q/m.gguf?download=true').path // 'q/m.gguf'
 */
export function parseGgufFile(text: string, hubUrl = DEFAULT_HUB_URL): HubGgufFile {
  const given = text.trim();
  if (/^https?:\/\//i.test(given)) {
    let url: URL;
    try {
      url = new URL(given);
    } catch {
      return fail(given);
    }
    return checked(given, fromUrl(given, url));
  }
  const [org = '', nameAt = '', ...path] = given.split('/');
  const at = nameAt.indexOf('@');
  const name = at < 0 ? nameAt : nameAt.slice(0, at);
  const revision = at < 0 ? 'main' : nameAt.slice(at + 1);
  if (path.length === 0) fail(given);
  return checked(given, {
    hubUrl: hubUrl.replace(/\/+$/, ''),
    model: { repo: `${org}/${name}`, revision },
    path: path.join('/'),
  });
}

/** The file's name without its folders. */
export function ggufFileName(file: HubGgufFile): string {
  return file.path.slice(file.path.lastIndexOf('/') + 1);
}
