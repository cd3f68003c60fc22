// Statistical disclosure control: primary and secondary (complementary) suppression of additive tables.
export type { DisclosureCell, DisclosureTable, LinearRelation, Protection, SensitiveQuantity, SuppressionReason } from './types.ts';
export { primaryReason } from './primary-suppression.ts';
export { reasonText } from './reason-text.ts';
export { protect } from './protect-table.ts';

/** Counts from 1 to 4 are not shown unless a partnership's policy says otherwise (Hundepool et al. 2012, §4.2). */
export const DEFAULT_DISCLOSURE_THRESHOLD = 5;
