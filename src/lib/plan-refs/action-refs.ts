/**
 * Action-plan references as partnerships write them ("ID 1", "ID2 – 8", "JC8 -17",
 * "EHC14 EHC5", "JC9, JC17") normalised to a list of single references ("ID2", "ID3" ...).
 *
 * Ranges expand (the end may repeat the prefix: "JC8-JC17"); lists split on spaces, commas,
 * semicolons and "and". Apparent typos are corrected with a warning rather than silently:
 * a digit read as a letter ("1D10" → "ID10", "0" → "O") and transposed letters ("ECH5" → "EHC5"),
 * both judged against the plan's known prefixes. Anything else that is not a reference is an error.
 */

export interface RefWarning {
  raw: string;
  corrected: string;
  reason: string;
}

export interface NormalisedRefs {
  refs: string[];
  warnings: RefWarning[];
}

export class ActionRefError extends Error {
  constructor(
    readonly raw: string,
    reason: string,
  ) {
    super(`"${raw}" is not an action reference: ${reason}`);
    this.name = 'ActionRefError';
  }
}

/** Longest range we expand; a wider one is almost certainly a typo ("ID2 – 80"). */
export const MAX_RANGE = 50;

const DASHES = /[\u2010-\u2015\u2212]/g;
const TOKEN = /([A-Za-z0-9]*?[A-Za-z][A-Za-z0-9]*?|\d[A-Za-z]+)\s*(\d+)(?:\s*-\s*(?:([A-Za-z]+)\s*)?(\d+))?/y;
const SEPARATOR = /(?:\s|,|;|&|\band\b)+/y;
const LOOKALIKE: Record<string, string> = { '1': 'I', l: 'I', '0': 'O', '5': 'S', '8': 'B' };

function sortedLetters(value: string): string {
  return [...value].sort().join('');
}

/** Correct a prefix against the known ones; returns the prefix and why it was changed, if it was. */
function correctPrefix(prefix: string, known: readonly string[]): { prefix: string; reason?: string } {
  const upper = prefix.toUpperCase();
  if (known.length === 0 || known.includes(upper)) {
    if (/\d/.test(upper)) return lookalike(upper, known) ?? { prefix: upper };
    return { prefix: upper };
  }
  const fromLookalike = lookalike(upper, known);
  if (fromLookalike) return fromLookalike;
  const transposed = known.find((k) => k.length === upper.length && sortedLetters(k) === sortedLetters(upper));
  if (transposed) return { prefix: transposed, reason: `letters transposed: "${upper}" read as "${transposed}"` };
  return { prefix: upper, reason: `"${upper}" is not one of the plan's reference prefixes (${known.join(', ')})` };
}

function lookalike(upper: string, known: readonly string[]): { prefix: string; reason: string } | undefined {
  const swapped = [...upper].map((c) => LOOKALIKE[c] ?? LOOKALIKE[c.toLowerCase()] ?? c).join('');
  if (swapped === upper || /\d/.test(swapped)) return undefined;
  if (known.length > 0 && !known.includes(swapped)) return undefined;
  return { prefix: swapped, reason: `a digit in place of a letter: "${upper}" read as "${swapped}"` };
}

/**
 * Normalise one written reference cell. `knownPrefixes` (e.g. ["ID", "JC", "EHC"]) lets typos be
 * recognised; with none, any letter prefix is accepted and only digit-for-letter slips are fixed.
 * @throws ActionRefError when the text holds something that is not a reference.
 */
export function normaliseActionRefs(raw: string, knownPrefixes: readonly string[] = []): NormalisedRefs {
  const text = raw.replace(DASHES, '-').trim();
  const refs: string[] = [];
  const warnings: RefWarning[] = [];
  let at = 0;
  while (at < text.length) {
    SEPARATOR.lastIndex = at;
    if (SEPARATOR.exec(text)) at = SEPARATOR.lastIndex;
    if (at >= text.length) break;
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(text);
    if (!match) throw new ActionRefError(raw, `could not read a reference at "${text.slice(at)}"`);
    at = TOKEN.lastIndex;
    const [written, rawPrefix = '', startDigits = '', endPrefix, endDigits] = match;
    const { prefix, reason } = correctPrefix(rawPrefix, knownPrefixes);
    if (endPrefix && correctPrefix(endPrefix, knownPrefixes).prefix !== prefix) {
      throw new ActionRefError(raw, `a range must stay within one prefix ("${written.trim()}")`);
    }
    const start = Number(startDigits);
    const end = endDigits === undefined ? start : Number(endDigits);
    if (end < start) throw new ActionRefError(raw, `the range "${written.trim()}" runs backwards`);
    if (end - start >= MAX_RANGE) throw new ActionRefError(raw, `the range "${written.trim()}" is wider than ${MAX_RANGE}`);
    if (reason) {
      warnings.push({ raw: written.trim(), corrected: `${prefix}${start}${end === start ? '' : `-${end}`}`, reason });
    }
    for (let n = start; n <= end; n += 1) {
      const ref = `${prefix}${n}`;
      if (!refs.includes(ref)) refs.push(ref);
    }
  }
  if (refs.length === 0) throw new ActionRefError(raw, 'no reference found');
  return { refs, warnings };
}

/** Sort references by prefix then number: ID2 before ID10, EHC before ID. */
export function compareActionRefs(a: string, b: string): number {
  const pa = /^([A-Z]+)(\d+)$/.exec(a);
  const pb = /^([A-Z]+)(\d+)$/.exec(b);
  if (!pa || !pb) return a.localeCompare(b);
  return pa[1]!.localeCompare(pb[1]!) || Number(pa[2]) - Number(pb[2]);
}
