import { describe, expect, it } from 'vitest';
import {
  EMBED_THEMES,
  EMBED_VIEWS,
  PRESENTATION_KEYS,
  SERVING_CHARTS,
  presentationQuery,
  readPresentation,
  type EmbedChoice,
} from '../../../src/lib/share/presentation.ts';

describe('readPresentation', () => {
  it('reads embed, view, chart and theme, and reports bad values', () => {
    expect(
      readPresentation(new URLSearchParams('embed=1&view=serving&chart=speed&theme=dark')),
    ).toEqual({ embed: true, view: 'serving', chart: 'speed', theme: 'dark', warnings: [] });
    const bad = readPresentation(new URLSearchParams('embed=1&view=<b>&theme=neon&chart=pie'));
    expect(bad).toMatchObject({ view: 'params', theme: 'auto', chart: 'memory' });
    expect(bad.warnings).toHaveLength(3);
  });
});

describe('readPresentation defaults', () => {
  it('readPresentation of no parameters is the full page: params view, auto theme, memory chart, no warnings', () => {
    expect(readPresentation(new URLSearchParams(''))).toEqual({
      embed: false,
      view: 'params',
      theme: 'auto',
      chart: 'memory',
      warnings: [],
    });
  });

  it('readPresentation takes embed only as "1"', () => {
    expect(readPresentation(new URLSearchParams('embed=true')).embed).toBe(false);
  });

  it('readPresentation names the bad value and the choices in its warning', () => {
    expect(readPresentation(new URLSearchParams('view=graph')).warnings).toEqual([
      'view: expected one of params, activation, serving, compare, training, plan, got "graph"; ignored',
    ]);
    expect(readPresentation(new URLSearchParams('chart=pie')).warnings).toEqual([
      'chart: expected one of memory, context, speed, got "pie"; ignored',
    ]);
  });

  it('EMBED_VIEWS are the six panels and PRESENTATION_KEYS embed, view, theme and chart', () => {
    expect(EMBED_VIEWS).toEqual(['params', 'activation', 'serving', 'compare', 'training', 'plan']);
    expect(PRESENTATION_KEYS).toEqual(['embed', 'view', 'theme', 'chart']);
  });
});

describe('presentationQuery', () => {
  it('presentationQuery leaves out the defaults: the auto theme and the memory chart', () => {
    expect(presentationQuery({ view: 'params', theme: 'auto', chart: 'memory' })).toBe(
      'embed=1&view=params',
    );
    expect(presentationQuery({ view: 'serving', theme: 'dark', chart: 'context' })).toBe(
      'embed=1&view=serving&chart=context&theme=dark',
    );
  });

  it('presentationQuery writes a chart only for the serving view', () => {
    expect(presentationQuery({ view: 'compare', theme: 'auto', chart: 'speed' })).toBe(
      'embed=1&view=compare',
    );
  });

  it('readPresentation(presentationQuery(c)) is c, for every choice', () => {
    for (const view of EMBED_VIEWS)
      for (const theme of EMBED_THEMES)
        for (const chart of SERVING_CHARTS) {
          const choice: EmbedChoice = { view, theme, chart };
          const read = readPresentation(new URLSearchParams(presentationQuery(choice)));
          expect(read).toEqual({
            embed: true,
            view,
            theme,
            chart: view === 'serving' ? chart : 'memory',
            warnings: [],
          });
        }
  });
});
