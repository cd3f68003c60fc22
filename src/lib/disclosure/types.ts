// The shapes of statistical disclosure control: published cells, the sums that link them, and why a cell is
// hidden. Pure types; the methods are one per file beside this one.

/**
 * One published cell: the additive counts behind a figure. A proportion has a numerator k (cases meeting the
 * condition) and a denominator n (cases); a count or a median has only n (the count, or the cases behind the median).
 */
export interface DisclosureCell {
  /** Unique within the table, e.g. `month:2025-07`, `area:Mid`. */
  id: string;
  /** k, for a proportion; null for a count or a median. */
  numerator: number | null;
  /** n: a proportion's denominator, a median's number of cases, or the count itself. */
  denominator: number;
}

/**
 * A sum the reader can see or work out: the total's numerator is the sum of the parts' numerators, and the same for
 * denominators. A total that does not equal the sum of its parts must have its remainder listed as a part of its own
 * (say `area:Not recorded`), because subtraction reveals the remainder anyway.
 */
export interface LinearRelation {
  total: string;
  parts: readonly string[];
}

/** A table to protect: every cell shown to one audience and every sum between them. */
export interface DisclosureTable {
  cells: readonly DisclosureCell[];
  relations: readonly LinearRelation[];
  /** Counts from 1 to threshold − 1 are sensitive (domain policy, default 5). */
  threshold: number;
}

/** Which count made a cell sensitive: k, n, or the complement n − k. */
export type SensitiveQuantity = 'numerator' | 'denominator' | 'complement';

/** Why a cell is hidden: its own small count, or to stop another cell being worked out. */
export type SuppressionReason =
  | { kind: 'primary'; quantity: SensitiveQuantity }
  | { kind: 'secondary'; protects: readonly string[] };

/** The result of protecting a table: the hidden cells with their reasons; every other cell may be shown. */
export interface Protection {
  suppressed: ReadonlyMap<string, SuppressionReason>;
}
