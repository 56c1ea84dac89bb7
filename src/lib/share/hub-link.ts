/**
 * A model read from the Hugging Face Hub, as a share link names it: `hf=org/name[@revision]`,
 * and `hub=<address>` when it was read from a mirror rather than the public Hub. The page that
 * opens such a link reads config.json from the Hub again and checks it against the checkpoint
 * (state/hub-import.svelte.ts), which is also where the two values are checked, and a bad one
 * reported: the codec only carries them, so that the page's first download, and the embed's,
 * carry no Hub code. The link's `m=` and `x.<field>=` carry the same model too, which the
 * embed, the element and a page that cannot reach the Hub show as they are.
 */

export interface HubLink {
  /** `org/name` or `org/name@revision` (hub/link-id.ts). */
  model: string;
  /** The Hub it was read from, when not the public one (hub/hub-url.ts). */
  hubUrl?: string;
}

/**
 * The link's parameters for a Hub model, "&"-prefixed; `/`, `@` and `:` are written as is (all
 * plain characters in a query string), so that the id and the address read as they are.
 *
 * @example hubLinkQuery({ model: 'Qwen/Qwen3-Next-80B-A3B-Instruct' })
 *   // '&hf=Qwen/Qwen3-Next-80B-A3B-Instruct'
 */
export function hubLinkQuery(link: HubLink | undefined): string {
  if (!link) return '';
  const p = new URLSearchParams({ hf: link.model });
  if (link.hubUrl) p.set('hub', link.hubUrl);
  return `&${p.toString().replace(/%2F/g, '/').replace(/%40/g, '@').replace(/%3A/g, ':')}`;
}

/**
 * The Hub model a link names (`hf`, and `hub` with it), as given; undefined without `hf` (and a
 * warning for a `hub` alone).
 */
export function readHubLink(params: URLSearchParams, warnings: string[]): HubLink | undefined {
  const model = params.get('hf');
  const hubUrl = params.get('hub');
  if (model === null) {
    if (hubUrl !== null) warnings.push('hub: read only with hf; ignored');
    return undefined;
  }
  return hubUrl === null ? { model } : { model, hubUrl };
}
