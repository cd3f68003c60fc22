// The words a reader sees in place of a hidden figure.
import type { SuppressionReason } from './types.ts';

/**
 * Plain words for why a figure is not shown, for people rather than statisticians.
 *
 * A primary reason never says which count was small (the number of cases, how many met the condition, or how many
 * did not): naming it would tell the reader something about the hidden figure. "A number from 1 to 4" is true of
 * whichever count it was. A secondary reason says the figure is hidden so that subtraction cannot reveal another
 * (Hundepool et al. (2012) Statistical Disclosure Control, Wiley, §4.2: complementary suppression). `threshold` is
 * the smallest count shown; a threshold of 2 reads "a count of 1". The words follow "Not shown: ", which the caller
 * writes, e.g. "Not shown: includes a number from 1 to 4 (small numbers are not shown)".
 */
export function reasonText(reason: SuppressionReason, threshold: number): string {
  if (reason.kind === 'secondary') {
    return 'hidden so that a small number elsewhere in the table cannot be worked out by subtraction';
  }
  const largest = Math.ceil(threshold) - 1;
  const range = largest <= 1 ? 'a count of 1' : `a number from 1 to ${largest}`;
  return `includes ${range} (small numbers are not shown)`;
}
