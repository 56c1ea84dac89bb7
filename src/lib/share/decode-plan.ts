/**
 * The Plan view's settings of a share link, read back (plan-link.ts writes them). Never throws:
 * a value that is unknown, malformed or out of range is left out with a warning naming the key,
 * the value and what is expected (decode-v1.ts LinkReader); the default stays. Loaded with the
 * other link decoders (link-decoders.ts).
 */
import {
  DEFAULT_PLAN,
  ENGINE_IDS,
  PLAN_DEVICE_CHOICES,
  PLAN_RANGES,
  type PlanSettings,
} from '../core/index.ts';
import type { LinkReader } from './decode-v1.ts';
import { shown } from './link-format.ts';
import { PLAN_KEYS } from './plan-keys.ts';
import { PLAN_NUMBER_KEYS } from './plan-link.ts';

const DEVICE_IDS = PLAN_DEVICE_CHOICES.map((d) => d.id);

/** The devices of `qd`: each a data-centre id, at least one; else the default (warned). */
function readDevices(r: LinkReader): PlanSettings['devices'] | undefined {
  const text = r.get('qd');
  if (text === null) return undefined;
  const ids = text.split(',');
  const bad = ids.filter((id) => !DEVICE_IDS.includes(id));
  if (bad.length === 0 && ids.length > 0) return [...new Set(ids)];
  r.warnings.push(
    `qd: expected data-centre device ids, comma-separated (${DEVICE_IDS.slice(0, 4).join(',')}), got ${shown(bad[0] ?? text)}; ignored`,
  );
  return undefined;
}

/** The prices of `qp`, id:usd each; a malformed entry is left out (warned), the rest kept. */
function readPrices(r: LinkReader): PlanSettings['prices'] {
  const text = r.get('qp');
  if (text === null) return {};
  const prices: Record<string, number> = {};
  for (const entry of text.split(',')) {
    const [id = '', usd = ''] = entry.split(':');
    const value = /^\d+(\.\d+)?$/.test(usd) ? Number(usd) : Number.NaN;
    if (DEVICE_IDS.includes(id) && Number.isFinite(value) && value <= 1e6) prices[id] = value;
    else
      r.warnings.push(
        `qp: expected device-id:dollars per device-hour (h200:3.5) from 0 to 1000000, got ${shown(entry)}; ignored`,
      );
  }
  return prices;
}

/**
 * The link's plan settings; null when it has none (the default ones then load with the panel).
 *
 * @example readPlan(new LinkReader(new URLSearchParams('qu=128&qs=0'), [])) // { ...DEFAULT_PLAN, users: 128, disaggregated: false }
 */
export function readPlan(r: LinkReader): PlanSettings | null {
  if (!PLAN_KEYS.some((key) => r.get(key) !== null)) return null;
  const s: PlanSettings = { ...DEFAULT_PLAN };
  for (const [key, field] of PLAN_NUMBER_KEYS) {
    const range = PLAN_RANGES[field];
    const value = r.number(key, { ...range, integer: range.step === 1 }, range.step === 1);
    if (value === undefined) continue;
    s[field] = value;
    if (field === 'rate') s.traffic = 'rate';
  }
  if (r.get('qu') !== null && s.traffic === 'rate') {
    r.warnings.push('qu: a link gives users (qu) or a request rate (qr), not both; qu ignored');
    s.users = DEFAULT_PLAN.users;
  }
  s.devices = readDevices(r) ?? s.devices;
  s.prices = readPrices(r);
  s.engine = r.oneOf('qe', ENGINE_IDS) ?? s.engine;
  const pools = r.oneOf('qs', ['0', '1'] as const);
  if (pools !== undefined) s.disaggregated = pools === '1';
  return s;
}
