/**
 * What the page says of a GGUF file: its quant mix in one line, and why one could not be read,
 * with what to do. The Hub client's messages (hub/client.ts) are the CLI's and speak of
 * config.json; a GGUF file's are said here, in the page's words (it sends no credentials, so a
 * gated repo stays closed to it; a dropped file is the way around).
 */
import { GgufError, type GgufHeaderSummary } from '../core/index.ts';
import { HubError } from '../hub/client.ts';
import type { HubGgufFile } from '../hub/gguf-file.ts';
import { describeError } from '../share/notices.ts';
import { GgufChoiceError } from './gguf-read.ts';

/** The most types a mix names; the rest are "other". */
const MIX_TYPES = 4;

/**
 * The file's quant and its tensor types by share of the bytes, most first, in whole percent.
 *
 * @example quantMix({ fileType: 'Q4_K_M', byType: [{ type: 'Q4_K', bytes: 57 },
 *   { type: 'Q6_K', bytes: 30 }, { type: 'F32', bytes: 13 }], ... })
 *   // 'Q4_K_M: 57% Q4_K, 30% Q6_K, 13% F32'
 */
export function quantMix(header: Pick<GgufHeaderSummary, 'fileType' | 'byType' | 'bytes'>): string {
  const total = header.bytes;
  const share = (bytes: number) => (total > 0 ? (100 * bytes) / total : 0);
  const percent = (p: number) => (p > 0 && p < 0.5 ? '<1%' : `${Math.round(p)}%`);
  const named = header.byType.slice(0, MIX_TYPES);
  const rest = header.byType.slice(MIX_TYPES).reduce((sum, t) => sum + t.bytes, 0);
  const parts = named.map((t) => `${percent(share(t.bytes))} ${t.type}`);
  if (rest > 0) parts.push(`${percent(share(rest))} other`);
  const mix = parts.length > 0 ? parts.join(', ') : 'no tensors';
  return header.fileType ? `${header.fileType}: ${mix}` : mix;
}

/**
 * Why a dropped or chosen file could not be used: the reader's message (a GgufError names the
 * file, the byte and what was expected), and that nothing changed.
 *
 * @example fileFailure(new GgufError('x.gguf', 0, 'magic', 'expected "GGUF" ...'))
 *   // 'x.gguf at byte 0: magic: expected "GGUF" .... The file was not used.'
 */
export function fileFailure(error: unknown): string {
  const what =
    error instanceof GgufError || error instanceof GgufChoiceError
      ? error.message
      : `the file could not be read (${describeError(error)})`;
  return `${what.replace(/\.$/, '')}. The file was not used.`;
}

/** Why a GGUF file on the Hub could not be read, by the request's status, and what to do. */
export function hubFailure(error: unknown, file: HubGgufFile): string {
  const { repo, revision } = file.model;
  const drop = 'download the file and drop it here';
  if (error instanceof HubError) {
    if (error.status === 401 || error.status === 403)
      return `${repo} is gated or private (HTTP ${error.status}): the page cannot read it. Accept its terms on the Hub, ${drop}.`;
    if (error.status === 404)
      return `${repo}@${revision} has no ${(error.message.match(/has no (\S+) \(HTTP 404\)/) ?? [])[1] ?? file.path} (HTTP 404): check the repo, the file's folder and name, and the revision.`;
    if (error.status === 429)
      return `The Hub is rate-limiting requests (HTTP 429): wait a minute and try again, or ${drop}.`;
    if (error.status === null)
      return `Could not reach ${file.hubUrl} for ${repo}: check the connection or the Hub address, or ${drop}.`;
    return `${repo}: the file could not be read (HTTP ${error.status}): try again later, or ${drop}.`;
  }
  if (error instanceof GgufError) return fileFailure(error);
  return `${repo}: the file could not be read (${describeError(error)}). The file was not used.`;
} // prettier-ignore
