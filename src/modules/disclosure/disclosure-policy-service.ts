import type { AuditService } from '../audit/index.ts';
import type { DisclosurePolicyRepository } from './disclosure-policy-repository.ts';

/** The threshold of a partnership that has not changed its policy: counts from 1 to 4 are not shown (docs/casework-import.md). */
export const DEFAULT_DISCLOSURE_THRESHOLD = 5;
/** The smallest policy threshold (the database checks it too, migration 0008): 1 and 2 are always hidden. */
export const MIN_DISCLOSURE_THRESHOLD = 3;
export const MAX_DISCLOSURE_THRESHOLD = 100;

/** The administrator changing the policy, as the audit trail records them. */
export interface DisclosureActor {
  personId: string;
  email: string;
  ip: string | null;
}

/**
 * A partnership's disclosure policy: the smallest count shown anywhere other than to an analyst. It is the
 * threshold of the casework indicator pages and the floor of every measure's own "hide counts below", so a plan
 * editor cannot turn suppression off (issue 12 item 4). Only a partnership administrator changes it, audited.
 */
export class DisclosurePolicyService {
  constructor(
    private readonly repository: DisclosurePolicyRepository,
    private readonly audit: AuditService,
    /** Told after the policy changes, so cached pages computed with the old threshold are dropped. */
    private readonly onChanged: () => void = () => undefined,
  ) {}

  /** The partnership's threshold: counts from 1 to threshold − 1 are suppressed (the default for an unknown partnership). */
  async threshold(partnershipId: string): Promise<number> {
    return (await this.repository.threshold(partnershipId)) ?? DEFAULT_DISCLOSURE_THRESHOLD;
  }

  /** The threshold a measure is shown with: its own, but never below the partnership's policy. */
  async effectiveThreshold(partnershipId: string, measureThreshold: number): Promise<number> {
    return Math.max(measureThreshold, await this.threshold(partnershipId));
  }

  /** Changes the policy (the caller has validated the range) and writes disclosure-policy.updated to the audit trail. */
  async setThreshold(partnershipId: string, threshold: number, actor: DisclosureActor): Promise<void> {
    if (!Number.isInteger(threshold) || threshold < MIN_DISCLOSURE_THRESHOLD || threshold > MAX_DISCLOSURE_THRESHOLD) {
      throw new RangeError(`The disclosure threshold must be a whole number from ${MIN_DISCLOSURE_THRESHOLD} to ${MAX_DISCLOSURE_THRESHOLD}`);
    }
    const from = await this.threshold(partnershipId);
    await this.repository.setThreshold(partnershipId, threshold);
    await this.audit.record({
      partnershipId, actorPersonId: actor.personId, actor: actor.email, ip: actor.ip, action: 'disclosure-policy.updated', recordType: 'disclosure-policy', recordId: partnershipId,
      details: { from, to: threshold },
    });
    this.onChanged();
  }
}
