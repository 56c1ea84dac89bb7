/**
 * The share link's system-RAM parameters (issue 12): their names, for every link, and their
 * codec (host-link.ts), which loads on demand with the local model (state/local-model.ts), as a
 * host needs both. Until it has, a link's host is not read: the link waits for it
 * (state/family-readers.ts).
 */
export const HOST_KEYS = ['ram', 'rbw', 'pcie', 'cmoe', 'ncmoe', 'ngl', 'gshare'] as const;

/** What the codec does: write a host's parameters, read a link's host. */
interface HostLink {
  encodeHost: typeof import('./host-link.ts').encodeHost;
  readHost: typeof import('./host-link.ts').readHost;
}
let hostLink: HostLink | null = null;

/** Whether a link's parameters (the page's or a pin's) give a host. */
export const hasHost = (params: URLSearchParams) => HOST_KEYS.some((key) => params.has(key));

/** The host's parameters a link gives, in HOST_KEYS order. */
export const hostKeys = (params: URLSearchParams) => HOST_KEYS.filter((key) => params.has(key));

/** The host's link codec; null until it has loaded. */
export const hostLinkCodec = (): HostLink | null => hostLink;

/** Makes links with a host readable and writable (the codec at hand). */
export function addHostLink(codec: HostLink): void {
  hostLink = codec;
}
