import { afterEach, describe, expect, it } from 'vitest';
import { openedRun, rememberOpenedRun } from '../../../src/lib/state/opened-run.ts';

describe('the published run a page was opened from', () => {
  afterEach(() => rememberOpenedRun(''));

  it('is the link’s from=, kept after the address drops it', () => {
    rememberOpenedRun('?v=1&m=deepseek-v3&b=64&from=ix-dsr1-fp8-8xh200-sglang0512-tp8-1k1k-c64');
    expect(openedRun()).toBe('ix-dsr1-fp8-8xh200-sglang0512-tp8-1k1k-c64');
  });

  it('is none without from=, or for one that is not a case id', () => {
    rememberOpenedRun('?v=1&m=deepseek-v3');
    expect(openedRun()).toBeNull();
    rememberOpenedRun('?from=%3Cscript%3E');
    expect(openedRun()).toBeNull();
    rememberOpenedRun(`?from=${'a'.repeat(161)}`);
    expect(openedRun()).toBeNull();
  });
});
