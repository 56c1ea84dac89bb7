/**
 * `serve --gguf org/name/<file>.gguf`: a GGUF file on the Hugging Face Hub, named as the page
 * names it (src/lib/hub/gguf-file.ts), its header read by HTTP Range requests, never its weights
 * (src/lib/hub/gguf-read.ts: a split model's every part). Read before the synchronous pipeline
 * (hub-model.ts, run.ts); a file on disk is read-gguf.ts's.
 */
import { GgufError, type GgufModel } from '../lib/core/index.ts';
import { HubError } from '../lib/hub/client.ts';
import { GgufFileIdError, parseGgufFile, type HubGgufFile } from '../lib/hub/gguf-file.ts';
import { readHubGguf } from '../lib/hub/gguf-read.ts';
import { fromHub, HubTimeout, seconds, type HubDeps } from './hub-fetch.ts';
import { pathExists } from './read-config-file.ts';
import { UsageError } from './usage-error.ts';

/**
 * The Hub file a --gguf value names, or undefined for a file on disk: a name that exists, a
 * path that starts at `.`, `/` or `~`, or anything that is not `org/name[@revision]/<path>.gguf`
 * or a Hub file's address.
 *
 * @example hubGgufOf('unsloth/gpt-oss-20b-GGUF/gpt-oss-20b-Q4_K_M.gguf')?.path // 'gpt-oss-20b-Q4_K_M.gguf'
 */
export function hubGgufOf(arg: string, hubUrl?: string): HubGgufFile | undefined {
  const text = arg.trim();
  if (/^[./~]/.test(text) || pathExists(text)) return undefined;
  try {
    return parseGgufFile(text, hubUrl);
  } catch (error) {
    if (error instanceof GgufFileIdError) return undefined;
    throw error;
  }
}

/**
 * The model of the Hub file `arg` names (hubGgufOf), from `hubUrl` unless the value is an
 * address. A failure is one UsageError naming --gguf and the value; a Hub that does not have
 * the file says too that no file on disk has that name.
 */
export async function readGgufFromHub(
  arg: string,
  hubUrl: string,
  deps: HubDeps,
): Promise<GgufModel> {
  const file = hubGgufOf(arg, hubUrl);
  if (!file) throw new Error(`--gguf ${arg} names no file on the Hub`);
  try {
    return await fromHub(deps, (o) => readHubGguf(file, { hubUrl: file.hubUrl, ...o }));
  } catch (error) {
    if (error instanceof HubTimeout)
      throw new UsageError(
        `--gguf ${arg}: ${file.hubUrl} did not answer within ${seconds(deps)} s`,
      );
    if (error instanceof HubError) {
      // The client's advice is for a config.json; a GGUF file can be downloaded and given.
      const advice = error.message.replace('paste its config.json instead', 'download the file and give its path'); // prettier-ignore
      const local = /^https?:/i.test(arg.trim()) ? '' : ' (and no file on disk has that name)';
      throw new UsageError(`--gguf ${arg}: ${advice}${local}`);
    }
    if (error instanceof GgufError) throw new UsageError(`--gguf ${error.message}`);
    throw error;
  }
}
