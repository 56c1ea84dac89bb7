/**
 * Where the Hub is: the public Hugging Face Hub, or a mirror or a test server in its place (the
 * CLI's --hub-url and HF_ENDPOINT, the page's "Hub address" and a share link's `hub=`).
 */

/** The public Hub (huggingface_hub `constants.ENDPOINT`). */
export const DEFAULT_HUB_URL = 'https://huggingface.co';

/**
 * A Hub address as a person or a link gives it, checked: an http or https URL without
 * credentials, query or fragment, its trailing slashes dropped; null when it is not one.
 *
 * @example readHubUrl(' https://hf-mirror.com/ ') // 'https://hf-mirror.com'
 * @example readHubUrl('ftp://example.com') // null
 */
export function readHubUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (!['http:', 'https:'].includes(url.protocol)) return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
