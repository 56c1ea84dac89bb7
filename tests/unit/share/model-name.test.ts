import { describe, expect, it } from 'vitest';
import {
  cleanModelName,
  escapeHidden,
  hasHiddenCharacters,
  MAX_NAME_LENGTH,
} from '../../../src/lib/share/model-name.ts';

describe('cleanModelName', () => {
  it("finding 11: cleanModelName('\\u202egnp.exe') drops the override, so the name reads gnp.exe, not exe.png", () => {
    expect(cleanModelName('\u202egnp.exe')).toEqual({
      name: 'gnp.exe',
      notes: ['bidirectional or control characters removed'],
    });
  });

  it('removes every bidirectional control, isolate and mark, and control characters', () => {
    const hidden =
      '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u0000\u001b\u007f\u0085\ufeff\u200b';
    expect(cleanModelName(`a${hidden}b`).name).toBe('ab');
  });

  it('keeps a right-to-left name as it is: only controls go', () => {
    expect(cleanModelName('نموذج-MoE')).toEqual({ name: 'نموذج-MoE', notes: [] });
  });

  it('finding 7: a name over MAX_NAME_LENGTH is cut, and the cut is said', () => {
    const { name, notes } = cleanModelName('n'.repeat(200));
    expect(name).toBe('n'.repeat(MAX_NAME_LENGTH));
    expect(notes).toEqual([`200 characters, cut to the first ${MAX_NAME_LENGTH}`]);
  });

  it('never cuts a surrogate pair in half', () => {
    const { name } = cleanModelName(`${'n'.repeat(MAX_NAME_LENGTH - 1)}😀tail`);
    expect(name).toBe('n'.repeat(MAX_NAME_LENGTH - 1));
  });

  it('a name of only spaces and controls is empty', () => {
    expect(cleanModelName(' \u202e ').name).toBe('');
  });

  it('a Hugging Face repository id (at most 96 characters) is kept whole', () => {
    const id = 'x'.repeat(96);
    expect(cleanModelName(id)).toEqual({ name: id, notes: [] });
  });
});

describe('escapeHidden', () => {
  it('spells hidden characters out as \\u escapes and leaves the rest', () => {
    expect(escapeHidden('a\u202eb\u0007c é')).toBe('a\\u202eb\\u0007c é');
  });

  it('hasHiddenCharacters says whether there is any, and can be called again', () => {
    expect(hasHiddenCharacters('a\u2066b')).toBe(true);
    expect(hasHiddenCharacters('a\u2066b')).toBe(true);
    expect(hasHiddenCharacters('plain')).toBe(false);
  });
});
