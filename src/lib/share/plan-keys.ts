/**
 * The names of the share link's Plan view parameters (plan-link.ts writes them, decode-plan.ts
 * reads them), for every link's check of its parameter names (link-format.ts KNOWN). Names only:
 * the codec itself loads with the link decoders.
 */
export const PLAN_KEYS = [
  'qi',
  'qo',
  'qu',
  'qr',
  'qt',
  'qf',
  'qd',
  'qg',
  'qp',
  'qe',
  'qs',
] as const;
