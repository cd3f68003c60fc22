import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';

/** The partnership's disclosure policy row (partnerships.disclosure_threshold, migration 0008). */
export class DisclosurePolicyRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** The stored threshold, or undefined when there is no such partnership. */
  async threshold(partnershipId: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('partnerships').select('disclosure_threshold').where('id', '=', partnershipId).executeTakeFirst();
    return row?.disclosure_threshold;
  }

  async setThreshold(partnershipId: string, threshold: number): Promise<void> {
    await this.db.updateTable('partnerships').set({ disclosure_threshold: threshold }).where('id', '=', partnershipId).execute();
  }
}
