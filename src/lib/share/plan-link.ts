/**
 * The share link's Plan view parameters (issue 15), all prefixed with `q`, each left out when it
 * equals DEFAULT_PLAN (64 users, 1,024-token prompts and answers, 30 tokens/s, 2 s):
 *   qi qo          prompt and answer tokens
 *   qu qr          concurrent users, or requests per second (qr given: the traffic is a rate)
 *   qt qf          target tokens/s per user, target time to first token in seconds (0: none)
 *   qd             devices searched, comma-separated ids (h100-sxm,h200,b200,mi300x)
 *   qg             most GPUs per replica
 *   qp             prices per device-hour, id:usd comma-separated (h200:3.5,b200:6)
 *   qe qs          engine (vllm sglang trtllm llamacpp), qs=0: no separate prefill and decode pools
 * The writer and the reader (decode-plan.ts) load with the link decoders (link-decoders.ts).
 *
 * @example encodePlan(p, { ...DEFAULT_PLAN, users: 128 }) // p: qu=128
 */
import { DEFAULT_PLAN, type PlanNumberField, type PlanSettings } from '../core/index.ts';
import { canonicalNumber } from './decimals.ts';

export const PLAN_NUMBER_KEYS: readonly [string, PlanNumberField][] = [
  ['qi', 'inputTokens'],
  ['qo', 'outputTokens'],
  ['qu', 'users'],
  ['qr', 'rate'],
  ['qt', 'tokensPerSecondPerUser'],
  ['qf', 'ttftSeconds'],
  ['qg', 'maxGpus'],
];

/** Writes the settings that differ from the default into `p`. */
export function encodePlan(p: URLSearchParams, s: PlanSettings): void {
  const d = DEFAULT_PLAN;
  for (const [key, field] of PLAN_NUMBER_KEYS) {
    // Only the traffic in use is written: qr says the traffic is a rate.
    if (field === 'users' && s.traffic !== 'users') continue;
    if (field === 'rate') {
      if (s.traffic === 'rate') p.set(key, String(canonicalNumber(s.rate)));
      continue;
    }
    if (s[field] !== d[field]) p.set(key, String(canonicalNumber(s[field])));
  }
  if (s.devices.join(',') !== d.devices.join(',')) p.set('qd', s.devices.join(','));
  const prices = Object.entries(s.prices).map(([id, usd]) => `${id}:${canonicalNumber(usd)}`);
  if (prices.length > 0) p.set('qp', prices.join(','));
  if (s.engine !== d.engine) p.set('qe', s.engine);
  if (s.disaggregated !== d.disaggregated) p.set('qs', s.disaggregated ? '1' : '0');
}
