/**
 * Deterministic pseudo-random numbers in [0, 1): mulberry32 (Tommy Ettinger's 32-bit generator),
 * for demonstration data and fuzz tests that must be the same on every run. Not for secrets.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The same generator seeded from a text (FNV-1a hash), so a name always gives the same numbers. */
export function seededRandomFromText(text: string): () => number {
  let seed = 2166136261;
  for (const char of text) seed = Math.imul(seed ^ char.charCodeAt(0), 16777619) >>> 0;
  return mulberry32(seed);
}
