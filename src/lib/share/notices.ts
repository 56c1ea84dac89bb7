/**
 * The notice of a link: one line per ignored or changed setting, said once. A link can repeat a
 * parameter thousands of times; the notice then says it once, with how many times, and keeps
 * to MAX_NOTICES lines.
 */
import { escapeHidden } from './model-name.ts';

/** The most lines a notice shows; the rest are counted in a last line. */
export const MAX_NOTICES = 20;

/**
 * The warnings in their order, each said once ("(3 times)" after a repeated one), at most
 * `max` lines, the last of them counting what was left out.
 *
 * @example summarizeWarnings(['a', 'b', 'a']) // ['a (2 times)', 'b']
 */
export function summarizeWarnings(warnings: readonly string[], max = MAX_NOTICES): string[] {
  const counts = new Map<string, number>();
  for (const warning of warnings) counts.set(warning, (counts.get(warning) ?? 0) + 1);
  // Shown as text, never markup; hidden characters are spelled out, so that no quoted value
  // can reorder the line around it.
  const lines = [...counts].map(([warning, n]) =>
    escapeHidden(n === 1 ? warning : `${warning} (${n.toLocaleString('en-US')} times)`),
  );
  if (lines.length <= max) return lines;
  const rest = lines.length - (max - 1);
  return [
    ...lines.slice(0, max - 1),
    `and ${rest.toLocaleString('en-US')} more settings, each ignored`,
  ];
}

/**
 * Names in a line, the first few and how many more.
 *
 * @example nameList(['x.a', 'x.b']) // 'x.a, x.b'
 * @example nameList(['a', 'b', 'c', 'd', 'e'], 3) // 'a, b, c and 2 more'
 */
export function nameList(names: readonly string[], max = 3): string {
  if (names.length <= max) return names.join(', ');
  const more = names.length - max;
  return `${names.slice(0, max).join(', ')} and ${more.toLocaleString('en-US')} more`;
}

/**
 * An error's message for a notice: one line, at most 1,000 characters (the core's messages,
 * which list what is expected, stay whole: the longest, an unsupported model_type's list of 38
 * types and its value, is about 560; an engine's may not).
 */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.replace(/\s+/g, ' ').trim() || 'unknown error';
  return line.length > 1000 ? `${line.slice(0, 1000)}…` : line;
}
