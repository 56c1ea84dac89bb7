import { readImported } from './decode-imported.ts';
import { readComparison, readDeployment } from './decode-serving.ts';
import type { LinkDecoders } from './link-decoders.ts';

/**
 * The link decoders themselves (link-decoders.ts): imported statically by the page and the
 * tests, and on demand, with the serving model, by the element.
 */
export const LINK_DECODERS: LinkDecoders = { readDeployment, readComparison, readImported };
