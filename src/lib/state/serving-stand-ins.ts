/**
 * Whether the serving model at hand is a stand-in: while the page shows a link before its
 * serving chunk (share.ts `openPreview`, `standIn`), a serving model that resolves no
 * deployment stands in for it, so that the link's decoder checks the link's model and edits as
 * ever; the explorer then shows the counts alone (explorer.svelte.ts). Kept apart from the
 * stand-ins themselves, which only the page needs, not the <moe-explorer> element.
 */
import { servingModelLoaded } from '../core/index.ts';

let standing = false;

/** Set by share.ts as it installs the stand-ins (true), and the chunk in their place (false). */
export function setStandingIn(value: boolean): void {
  standing = value;
}

/** Whether the serving numbers cannot be computed yet: no serving model, or a stand-in. */
export function servingPending(): boolean {
  return standing || !servingModelLoaded();
}
