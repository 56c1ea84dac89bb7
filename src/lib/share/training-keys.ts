/**
 * The names of the share link's Training view parameters (training-link.ts reads and writes
 * them), for every link's check of its parameter names (link-format.ts KNOWN). Names only: the
 * codec itself loads with the link decoders.
 */
export const TRAINING_KEYS = [
  't',
  'tk',
  'tn',
  'tm',
  'tf',
  'ttp',
  'tpp',
  'tep',
  'tcp',
  'tmb',
  'tsl',
  'tr',
  'tg',
  'tw',
  'tz',
  'trc',
  'tft',
] as const;
