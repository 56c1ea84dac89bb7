/**
 * The parts of the link decoder (decode-v1.ts, decode-source.ts) that load on demand, with the
 * serving model, in one chunk (embed/serving-chunk.ts): the deployment and the comparison
 * (decode-serving.ts), an imported config (`x.<field>=`, `mn=`: decode-imported.ts) and the
 * Training view's settings with their writer (decode-training.ts, training-link.ts). They are
 * held here, not imported by the decoder, for that. The page loads the chunk as it starts
 * (state/share.ts `loadServing`) and, to show a link before it, installs stand-ins meanwhile
 * (share.ts `openPreview`); the <moe-explorer> element loads it before it opens its state
 * (embed/element-state.ts); the tests install them all in their setup (link-decoders-all.ts).
 */
import type { readImported } from './decode-imported.ts';
import type { readComparison, readDeployment } from './decode-serving.ts';
import type { readPlan } from './decode-plan.ts';
import type { encodePlan } from './plan-link.ts';
import type { readTraining } from './decode-training.ts';
import type { encodeTraining } from './training-link.ts';

export interface LinkDecoders {
  readDeployment: typeof readDeployment;
  readComparison: typeof readComparison;
  readImported: typeof readImported;
  /** The Training view's settings; absent (a stand-in), the default ones. */
  readTraining?: typeof readTraining;
  /** And their writer (url-codec.ts `encode`); absent, a link writes none. */
  encodeTraining?: typeof encodeTraining;
  /** The Plan view's settings (null: the default ones) and their writer; absent, none. */
  readPlan?: typeof readPlan;
  encodePlan?: typeof encodePlan;
}

let decoders: LinkDecoders | null = null;

/** Makes links readable: installs `more`, in place of any before (the page's stand-ins). */
export function addLinkDecoders(more: LinkDecoders): void {
  decoders = more;
}

export function linkDecodersLoaded(): boolean {
  return decoders !== null;
}

/**
 * The decoders; throws while they are not at hand (the decoder's last net then reports the link
 * as unreadable): whatever opens a link installs or waits for them first.
 */
export function linkDecoders(): LinkDecoders {
  if (decoders) return decoders;
  throw new Error('the link decoders have not loaded');
}
