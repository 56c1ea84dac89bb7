/**
 * The published run the page was opened from: `from=<case id>` on the Serving panel's "Open in
 * the explorer" links (scripts/published-runs.ts). Read once at start, before the address follows
 * the state and leaves it out, so that the panel can show that run's published figure beside its
 * own (OpenedRun.svelte) for as long as the page is open.
 */
let opened: string | null = null;

/** A case id as the fixtures write them: letters, digits, dots, dashes and underscores. */
const CASE_ID = /^[\w.-]{1,160}$/;

/** Keeps the `from` of a query string (location.search), or forgets it; anything else is ignored. */
export function rememberOpenedRun(search: string): void {
  const id = new URLSearchParams(search).get('from');
  opened = id !== null && CASE_ID.test(id) ? id : null;
}

/** The published run's id the page was opened from, or null. */
export function openedRun(): string | null {
  return opened;
}
