/**
 * The parts of the link decoder (decode-v1.ts) that the <moe-explorer> element loads on demand,
 * with its serving model (embed/deferred.ts): the deployment and the comparison
 * (decode-serving.ts), and an imported config (`x.<field>=`, `mn=`: decode-imported.ts). They
 * are held here, not imported by the decoder, for that. The page installs them as it opens its
 * link (state/share.ts `openLink`), the tests in their setup (link-decoders-all.ts).
 */
import type { readImported } from './decode-imported.ts';
import type { readComparison, readDeployment } from './decode-serving.ts';
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
}

let decoders: LinkDecoders | null = null;

/** Makes links readable: the decoders at hand. */
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
