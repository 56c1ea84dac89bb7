/**
 * A model's name as a link (`mn=`) or an imported config brings it: shown on the page, in the
 * title and in links, so cleaned first. Bidirectional controls would let a name display as
 * something else (U+202E turns "gnp.exe" into "exe.png"); control characters are invisible.
 * Both are removed. Names are kept to MAX_NAME_LENGTH characters: a Hugging Face repository id
 * is at most 96, so only a made-up name is cut, and the cut is reported.
 *
 * @example cleanModelName('\u202egnp.exe') // { name: 'gnp.exe', notes: ['bidirectional or control characters removed'] }
 */

/** The longest name kept, in characters (UTF-16 code units). */
export const MAX_NAME_LENGTH = 120;

/**
 * C0 and C1 controls, bidirectional marks, embeddings, overrides and isolates (U+061C,
 * U+200E-F, U+202A-E, U+2066-9), zero-width and invisible format characters, the BOM.
 */
export const HIDDEN_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Whether a text holds any of HIDDEN_CHARACTERS. */
export function hasHiddenCharacters(text: string): boolean {
  HIDDEN_CHARACTERS.lastIndex = 0;
  const found = HIDDEN_CHARACTERS.test(text);
  HIDDEN_CHARACTERS.lastIndex = 0;
  return found;
}

/**
 * The text with each hidden character written as a \u escape, so that a message quoting hostile
 * input shows what it holds.
 *
 * @example escapeHidden('a\u202eb') // 'a\\u202eb'
 */
export function escapeHidden(text: string): string {
  return text.replace(
    HIDDEN_CHARACTERS,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A name without hidden characters, trimmed, at most MAX_NAME_LENGTH characters (a surrogate
 * pair is never split), and one note for each change made ('' when nothing is left).
 */
export function cleanModelName(text: string): { name: string; notes: string[] } {
  const notes: string[] = [];
  let name = text.replace(HIDDEN_CHARACTERS, '');
  if (name !== text) notes.push('bidirectional or control characters removed');
  name = name.trim();
  if (name.length > MAX_NAME_LENGTH) {
    notes.push(`${name.length} characters, cut to the first ${MAX_NAME_LENGTH}`);
    const end = /[\ud800-\udbff]/.test(name[MAX_NAME_LENGTH - 1]!)
      ? MAX_NAME_LENGTH - 1
      : MAX_NAME_LENGTH;
    name = name.slice(0, end).trimEnd();
  }
  return { name, notes };
}
