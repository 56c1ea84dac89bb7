import { describe, expect, it } from 'vitest';
import { elementSnippet, iframeSnippet } from '../../../src/lib/share/snippets.ts';

describe('embed snippets', () => {
  it('the element snippet loads the module next to the app and carries the state', () => {
    expect(elementSnippet('https://example.org/moe/', 'v=1&m=kimi-k2', 'serving')).toBe(
      '<script type="module" src="https://example.org/moe/moe-explorer.js"></script>\n' +
        '<moe-explorer state="v=1&amp;m=kimi-k2" view="serving" theme="auto"></moe-explorer>',
    );
  });

  it('the iframe snippet embeds the compact view and sizes it from height messages', () => {
    const snippet = iframeSnippet('https://example.org/moe/', 'v=1&m=dbrx', 'params');
    expect(snippet).toContain(
      'src="https://example.org/moe/?v=1&amp;m=dbrx&amp;embed=1&amp;view=params"',
    );
    expect(snippet).toContain("e.data?.type !== 'moe-explorer:height'");
  });

  it('markup in a state cannot break out of the attribute', () => {
    expect(elementSnippet('https://x/', 'm="><script>alert(1)</script>', 'params')).not.toContain(
      '"><script>alert',
    );
  });
});

describe('elementSnippet', () => {
  it("elementSnippet resolves the module next to the app's page: /moe/index.html -> /moe/moe-explorer.js", () => {
    expect(elementSnippet('https://example.org/moe/index.html', 'v=1', 'params')).toContain(
      'src="https://example.org/moe/moe-explorer.js"',
    );
  });

  it('elementSnippet escapes quotes, ampersands and angle brackets of the state', () => {
    expect(elementSnippet('https://x/', `a"b&c<d>`, 'compare')).toContain(
      'state="a&quot;b&amp;c&lt;d&gt;" view="compare"',
    );
  });
});

describe('iframeSnippet', () => {
  it('iframeSnippet titles the frame, which the listener matches, and loads it lazily', () => {
    const snippet = iframeSnippet('https://example.org/moe/', 'v=1', 'activation');
    expect(snippet).toMatch(
      /^<iframe src="[^"]+" title="MoE Explorer" [^>]*loading="lazy"><\/iframe>/,
    );
    expect(snippet).toContain(`document.querySelectorAll('iframe[title="MoE Explorer"]')`);
    expect(snippet).toContain('&amp;view=activation"');
  });
});
