import { describe, expect, it } from 'vitest';
import { CONTROLS, DEFAULT_DEPLOYMENT, DEFAULT_PRESET_ID } from '../../../src/lib/core/index.ts';
import {
  ARCH_KEYS,
  CODEC_VERSION,
  COMPARE_KEYS,
  DEFAULT_VIEW,
  ENGINE_KEYS,
  defaultState,
  KNOWN,
  LAYOUT_KEYS,
  NUMBER_KEYS,
  PIN_KEYS,
  shown,
} from '../../../src/lib/share/link-format.ts';
import { HOST_KEYS } from '../../../src/lib/share/host-keys.ts';
import { PRESENTATION_KEYS } from '../../../src/lib/share/presentation.ts';
import { TRAINING_KEYS } from '../../../src/lib/share/training-keys.ts';
import { PLAN_KEYS } from '../../../src/lib/share/plan-keys.ts';

describe('the version 1 parameters', () => {
  it('CODEC_VERSION is 1', () => {
    expect(CODEC_VERSION).toBe(1);
  });

  it('every parameter name is used once across the architecture, number, layout and host keys', () => {
    const keys = [
      ...[...ARCH_KEYS, ...NUMBER_KEYS, ...LAYOUT_KEYS].map(([key]) => key),
      ...HOST_KEYS,
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every architecture and number key reads through a control of CONTROLS', () => {
    for (const [key, , control] of [...ARCH_KEYS, ...NUMBER_KEYS])
      expect(CONTROLS[control], key).toBeDefined();
  });

  it('KNOWN holds every parameter of a link: v, m, mn, g, w, ew, kd, kl, u, th, hf, hub, gguf, the keys, the engine keys, the comparison and the presentation', () => {
    for (const key of [
      'v',
      'm',
      'mn',
      'g',
      'w',
      'ew',
      'kd',
      'kl',
      'u',
      'th',
      'hf',
      'hub',
      'gguf',
      'L',
      'k',
      'ctx',
      'tp',
      'p',
      'cs',
      'cg',
      'cn',
      'cw',
    ])
      expect(KNOWN.has(key), key).toBe(true);
    for (const key of PRESENTATION_KEYS) expect(KNOWN.has(key), key).toBe(true);
    expect(KNOWN.has('x.hidden_size')).toBe(false); // field edits are matched by prefix
    for (const key of HOST_KEYS) expect(KNOWN.has(key), key).toBe(true);
    for (const key of ENGINE_KEYS) expect(KNOWN.has(key), key).toBe(true);
    expect(KNOWN.size).toBe(
      14 +
        ENGINE_KEYS.length +
        ARCH_KEYS.length +
        NUMBER_KEYS.length +
        LAYOUT_KEYS.length +
        HOST_KEYS.length +
        COMPARE_KEYS.length +
        PRESENTATION_KEYS.length +
        TRAINING_KEYS.length +
        PLAN_KEYS.length,
    );
  });

  it('a pin carries the model and deployment keys, never the view, the version or another pin', () => {
    for (const key of [
      'mn',
      'g',
      'n',
      'w',
      'ew',
      'kd',
      'kl',
      'ctx',
      'b',
      'tp',
      'ep',
      'k',
      'L',
      'ram',
      'eng',
      'gpn',
      'mns',
      'cgb',
      'mf',
      'mbt',
      'mc',
      'ef',
      'pd',
      'wi',
      'wo',
      'wn',
      'wr',
      'ws',
      'wmin',
      'wmax',
      'sd',
      'dt',
      'acc',
    ])
      expect(PIN_KEYS.has(key), key).toBe(true);
    for (const key of ['v', 'm', 'u', 'th', ...COMPARE_KEYS, ...PRESENTATION_KEYS])
      expect(PIN_KEYS.has(key), key).toBe(false);
    for (const key of PIN_KEYS) expect(KNOWN.has(key), key).toBe(true);
  });

  it('COMPARE_KEYS are p, cs, cg, cn, cw, none of them a key of a pin', () => {
    expect(COMPARE_KEYS).toEqual(['p', 'cs', 'cg', 'cn', 'cw']);
    for (const key of COMPARE_KEYS) expect(PIN_KEYS.has(key)).toBe(false);
  });
});

describe('defaultState', () => {
  it('defaultState is the default preset on the default deployment, in GB with the system theme', () => {
    expect(defaultState()).toEqual({
      config: {
        source: { kind: 'preset', id: DEFAULT_PRESET_ID },
        arch: {},
        deployment: DEFAULT_DEPLOYMENT,
      },
      view: { unit: 'GB', theme: 'system' },
    });
    expect(DEFAULT_VIEW).toEqual({ unit: 'GB', theme: 'system' });
  });

  it('defaultState returns a fresh copy each time', () => {
    const a = defaultState();
    a.config.deployment.batch = 99;
    a.view.unit = 'GiB';
    expect(defaultState().config.deployment.batch).toBe(1);
    expect(DEFAULT_VIEW.unit).toBe('GB');
  });
});

describe('shown', () => {
  it.each([
    ['abc', '"abc"'],
    ['<script>alert(1)</script>', '"<script>alert(1)</script>"'], // quoted text, shown as text
    ['x'.repeat(41), JSON.stringify(`${'x'.repeat(40)}…`)],
  ])('shown(%j) is %s', (value, text) => {
    expect(shown(value)).toBe(text);
  });
});
