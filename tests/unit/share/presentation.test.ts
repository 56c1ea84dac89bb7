import { describe, expect, it } from 'vitest';
import {
  EMBED_VIEWS,
  PRESENTATION_KEYS,
  readPresentation,
} from '../../../src/lib/share/presentation.ts';

describe('readPresentation', () => {
  it('reads embed, view and theme, and reports bad values', () => {
    expect(readPresentation(new URLSearchParams('embed=1&view=serving&theme=dark'))).toEqual({
      embed: true,
      view: 'serving',
      theme: 'dark',
      warnings: [],
    });
    const bad = readPresentation(new URLSearchParams('embed=1&view=<b>&theme=neon'));
    expect(bad).toMatchObject({ view: 'params', theme: 'auto' });
    expect(bad.warnings).toHaveLength(2);
  });
});

describe('readPresentation defaults', () => {
  it('readPresentation of no parameters is the full page: params view, auto theme, no warnings', () => {
    expect(readPresentation(new URLSearchParams(''))).toEqual({
      embed: false,
      view: 'params',
      theme: 'auto',
      warnings: [],
    });
  });

  it('readPresentation takes embed only as "1"', () => {
    expect(readPresentation(new URLSearchParams('embed=true')).embed).toBe(false);
  });

  it('readPresentation names the bad value and the choices in its warning', () => {
    expect(readPresentation(new URLSearchParams('view=graph')).warnings).toEqual([
      'view: expected one of params, activation, serving, compare, got "graph"; ignored',
    ]);
  });

  it('EMBED_VIEWS are the four panels and PRESENTATION_KEYS embed, view and theme', () => {
    expect(EMBED_VIEWS).toEqual(['params', 'activation', 'serving', 'compare']);
    expect(PRESENTATION_KEYS).toEqual(['embed', 'view', 'theme']);
  });
});
