import { createHmac } from 'node:crypto';

/**
 * Keyed-hash pseudonyms (UK GDPR Art 4(5); ICO guidance on pseudonymisation, 2025): HMAC-SHA256 under a key
 * kept outside the database (CASEWORK_PSEUDONYM_KEY). A plain hash of an NHS number or UPN could be reversed by
 * hashing every possible number; without the key it cannot. The partnership id is part of the input, so the same
 * person has different pseudonyms in different partnerships and records cannot be linked across tenants.
 */

/** The minimum key length accepted (characters), as for SESSION_SECRET. */
export const MIN_PSEUDONYM_KEY_LENGTH = 32;

export type PseudonymPurpose = 'person' | 'record';

/**
 * A person's identifier is compared without spaces or hyphens and in upper case: `485 777 3456` and `4857773456`
 * are one person. A case reference keeps its hyphens (`R1-11` and `R11-1` are different cases); only surrounding
 * spaces and case are ignored.
 */
export function normaliseIdentifier(text: string, purpose: PseudonymPurpose = 'person'): string {
  return purpose === 'person' ? text.replace(/[\s-]+/g, '').toUpperCase() : text.trim().toUpperCase();
}

/** Makes the pseudonymiser for one key; the key never leaves it. */
export function createPseudonymiser(key: string): (partnershipId: string, purpose: PseudonymPurpose, identifier: string) => string {
  if (key.length < MIN_PSEUDONYM_KEY_LENGTH) throw new Error(`The pseudonymisation key must be at least ${MIN_PSEUDONYM_KEY_LENGTH} characters`);
  return (partnershipId, purpose, identifier) =>
    createHmac('sha256', key).update(`${purpose}\u0000${partnershipId}\u0000${normaliseIdentifier(identifier, purpose)}`).digest('hex');
}

/** How a pseudonym is shown to analysts: its first 10 hex digits (enough to tell cases apart in a worklist). */
export function shortPseudonym(pseudonym: string): string {
  return pseudonym.slice(0, 10);
}
