import { describe, expect, it } from 'vitest';
import {
  AUTO_IFRAME_START_PX,
  FRAME_HEIGHT_PX,
  elementSnippet,
  embedUrl,
  frameHeight,
  iframeSnippet,
  type EmbedOptions,
} from '../../../src/lib/share/snippets.ts';
import { readPresentation } from '../../../src/lib/share/presentation.ts';

/** The dialog's defaults, with some fields changed. */
const opts = (o: Partial<EmbedOptions> = {}): EmbedOptions => ({
  view: 'params',
  theme: 'auto',
  chart: 'memory',
  height: 'auto',
  ...o,
});

describe('embedUrl', () => {
  it('embedUrl puts the share query first, then the presentation without its defaults', () => {
    expect(embedUrl('https://x.org/moe/', 'v=1&m=dbrx', opts())).toBe(
      'https://x.org/moe/?v=1&m=dbrx&embed=1&view=params',
    );
    expect(
      embedUrl(
        'https://x.org/moe/',
        'v=1',
        opts({ view: 'serving', chart: 'speed', theme: 'dark' }),
      ),
    ).toBe('https://x.org/moe/?v=1&embed=1&view=serving&chart=speed&theme=dark');
  });

  it('embedUrl of an empty query starts with the presentation', () => {
    expect(embedUrl('https://x.org/', '', opts())).toBe('https://x.org/?embed=1&view=params');
  });

  it('the embed reads back the options embedUrl wrote', () => {
    const options = opts({ view: 'serving', chart: 'context', theme: 'light' });
    const url = new URL(embedUrl('https://x.org/', 'v=1&m=kimi-k2', options));
    expect(readPresentation(url.searchParams)).toEqual({
      embed: true,
      view: 'serving',
      chart: 'context',
      theme: 'light',
      warnings: [],
    });
  });
});

describe('elementSnippet', () => {
  it('elementSnippet loads the module next to the app and carries the state, view and theme', () => {
    expect(
      elementSnippet('https://example.org/moe/', 'v=1&m=kimi-k2', opts({ view: 'serving' })),
    ).toBe(
      '<script type="module" src="https://example.org/moe/moe-explorer.js"></script>\n' +
        '<moe-explorer state="v=1&amp;m=kimi-k2" view="serving" theme="auto"></moe-explorer>',
    );
  });

  it("elementSnippet resolves the module next to the app's page: /moe/index.html -> /moe/moe-explorer.js", () => {
    expect(elementSnippet('https://example.org/moe/index.html', 'v=1', opts())).toContain(
      'src="https://example.org/moe/moe-explorer.js"',
    );
  });

  it('elementSnippet escapes quotes, ampersands and angle brackets of the state', () => {
    expect(elementSnippet('https://x/', `a"b&c<d>`, opts({ view: 'compare' }))).toContain(
      'state="a&quot;b&amp;c&lt;d&gt;" view="compare"',
    );
  });

  it('markup in a state cannot break out of the attribute', () => {
    expect(elementSnippet('https://x/', 'm="><script>alert(1)</script>', opts())).not.toContain(
      '"><script>alert',
    );
  });

  it('elementSnippet carries a chart other than the memory bar, for the serving view only', () => {
    expect(
      elementSnippet('https://x/', 'v=1', opts({ view: 'serving', chart: 'context' })),
    ).toContain('view="serving" chart="context" theme="auto"');
    expect(
      elementSnippet('https://x/', 'v=1', opts({ view: 'params', chart: 'context' })),
    ).not.toContain('chart=');
  });

  it('elementSnippet at a fixed height gives the element that height, scrolling inside', () => {
    expect(elementSnippet('https://x/', 'v=1', opts({ theme: 'dark', height: 420 }))).toContain(
      'theme="dark" style="height: 420px; overflow: auto"></moe-explorer>',
    );
  });
});

describe('iframeSnippet', () => {
  it('iframeSnippet titles the frame, loads it lazily, and its script listens to that frame alone', () => {
    const snippet = iframeSnippet('https://example.org/moe/', 'v=1', opts({ view: 'activation' }));
    expect(snippet).toMatch(
      /^<iframe src="[^"]+" title="MoE Explorer" [^>]*loading="lazy"><\/iframe>\n<script>/,
    );
    expect(snippet).toContain('document.currentScript.previousElementSibling');
    expect(snippet).toContain('e.origin !== "https://example.org"');
    expect(snippet).toContain('&amp;view=activation"');
  });

  it('iframeSnippet at height auto starts at 640 px and sizes itself from height messages', () => {
    const snippet = iframeSnippet('https://example.org/moe/', 'v=1&m=dbrx', opts());
    expect(snippet).toContain(
      'src="https://example.org/moe/?v=1&amp;m=dbrx&amp;embed=1&amp;view=params"',
    );
    expect(snippet).toContain(`height="${AUTO_IFRAME_START_PX}"`);
    expect(snippet).toContain("e.data?.type === 'moe-explorer:height'");
  });

  it('iframeSnippet at a fixed height is the iframe alone, that tall, with the theme in its address', () => {
    const snippet = iframeSnippet('https://x/', 'v=1', opts({ theme: 'dark', height: 900 }));
    expect(snippet).toContain('height="900"');
    expect(snippet).toContain('&amp;theme=dark"');
    expect(snippet).not.toContain('<script>');
  });
});

/**
 * The snippet's script, run against a fake page: its iframe (the element before the script),
 * and the messages it receives. Returns the heights the iframe was given.
 */
function runSnippet(
  snippet: string,
  messages: { data: unknown; source: 'frame' | 'other'; origin: string }[],
): unknown[] {
  const script = /<script>([\s\S]*)<\/script>/.exec(snippet)![1]!;
  const frameWindow = {};
  const given: unknown[] = [];
  const frame = {
    contentWindow: frameWindow,
    set height(value: unknown) {
      given.push(value);
    },
  };
  let listener: ((e: unknown) => void) | undefined;
  const addEventListener = (type: string, l: (e: unknown) => void) => {
    if (type === 'message') listener = l;
  };
  const document = { currentScript: { previousElementSibling: frame } };
  new Function('addEventListener', 'document', script)(addEventListener, document);
  for (const { data, source, origin } of messages)
    listener!({ data, origin, source: source === 'frame' ? frameWindow : {} });
  return given;
}

describe('the iframe snippet accepts only a sane height from its own frame', () => {
  const snippet = iframeSnippet('https://example.org/moe/', 'v=1', opts());
  const own = { source: 'frame' as const, origin: 'https://example.org' };
  const height = (h: unknown) => ({ type: 'moe-explorer:height', height: h });

  it('finding 9: frameHeight takes integer heights within FRAME_HEIGHT_PX and nothing else', () => {
    expect(frameHeight(height(812))).toBe(812);
    expect(frameHeight(height(FRAME_HEIGHT_PX.min))).toBe(FRAME_HEIGHT_PX.min);
    expect(frameHeight(height(FRAME_HEIGHT_PX.max))).toBe(FRAME_HEIGHT_PX.max);
    for (const bad of [99999999, 99, 5001, 640.5, NaN, Infinity, -700, '700', null, [700]])
      expect(frameHeight(height(bad)), String(bad)).toBeNull();
    for (const bad of [null, undefined, 700, 'moe-explorer:height', { height: 700 }])
      expect(frameHeight(bad)).toBeNull();
    expect(frameHeight({ type: 'other', height: 700 })).toBeNull();
  });

  it("finding 9: the snippet's script sizes its frame from the frame's height messages", () => {
    expect(runSnippet(snippet, [{ ...own, data: height(812) }])).toEqual([812]);
  });

  it("finding 9: the snippet's script ignores a hostile frame's height 99999999, and every height frameHeight refuses", () => {
    const bad = [
      99999999,
      99,
      5001,
      640.5,
      NaN,
      Infinity,
      -700,
      '700',
      null,
      { valueOf: () => 700 },
    ];
    expect(
      runSnippet(
        snippet,
        bad.map((h) => ({ ...own, data: height(h) })),
      ),
    ).toEqual([]);
    expect(
      runSnippet(snippet, [
        { ...own, data: null },
        { ...own, data: 'x' },
      ]),
    ).toEqual([]);
  });

  it("finding 9: the snippet's script ignores messages from other windows and other origins", () => {
    expect(
      runSnippet(snippet, [
        { source: 'other', origin: 'https://example.org', data: height(700) },
        { source: 'frame', origin: 'https://evil.example', data: height(700) },
        { source: 'frame', origin: 'null', data: height(700) },
      ]),
    ).toEqual([]);
  });

  it('the origin in the script is JSON, and cannot close the <script> element', () => {
    const weird = iframeSnippet('http://[::1]:8080/moe/', 'v=1', opts());
    expect(weird).toContain('e.origin !== "http://[::1]:8080"');
    expect(weird.match(/<\/script>/g)).toHaveLength(1);
  });
});
