import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import { hashToken } from './sessions-service.ts';

export type LinkPurpose = 'password-reset' | 'invitation';
export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = { 'password-reset': 60 * 60_000, invitation: 7 * 24 * 60 * 60_000 };

/** Single-use links (password reset, invitation): the token is given once, only its hash is kept. */
export class OneTimeLinks {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(link: { partnershipId: string; purpose: LinkPurpose; email: string; organisationId?: string; role?: string; createdBy?: string }): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('one_time_links')
      .values({
        token_hash: hashToken(token),
        partnership_id: link.partnershipId,
        purpose: link.purpose,
        email: link.email.toLowerCase(),
        organisation_id: link.organisationId ?? null,
        role: link.role ?? null,
        created_by: link.createdBy ?? null,
        expires_at: new Date(this.now().getTime() + LINK_LIFETIME_MS[link.purpose]),
      })
      .execute();
    return token;
  }

  /** The link if it exists, is for this purpose, unused and in date; it is not used up. */
  async peek(token: string, purpose: LinkPurpose) {
    if (!token || token.length > 100) return undefined;
    const row = await this.db.selectFrom('one_time_links').selectAll().where('token_hash', '=', hashToken(token)).where('purpose', '=', purpose).executeTakeFirst();
    if (!row || row.used_at || new Date(row.expires_at) <= this.now()) return undefined;
    return row;
  }

  /** Uses the link up; false if someone used it first. */
  async consume(token: string): Promise<boolean> {
    const result = await this.db
      .updateTable('one_time_links')
      .set({ used_at: this.now() })
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Ends the open links of a purpose for one email (and, for invitations, one organisation and role), so a new
   * link replaces them rather than adding to them; returns when each was created, oldest first.
   */
  async expireOpen(link: { partnershipId: string; purpose: LinkPurpose; email: string; organisationId?: string; role?: string }): Promise<Date[]> {
    let q = this.db
      .updateTable('one_time_links')
      .set({ expires_at: this.now() })
      .where('partnership_id', '=', link.partnershipId)
      .where('purpose', '=', link.purpose)
      .where('email', '=', link.email.toLowerCase())
      .where('used_at', 'is', null)
      .where('expires_at', '>', this.now());
    if (link.organisationId) q = q.where('organisation_id', '=', link.organisationId);
    if (link.role) q = q.where('role', '=', link.role);
    const rows = await q.returning('created_at').execute();
    return rows.map((r) => new Date(r.created_at)).sort((a, b) => a.getTime() - b.getTime());
  }

  /** Links of a partnership not yet used and still in date, newest first (the people page lists open invitations). */
  pending(partnershipId: string, purpose: LinkPurpose) {
    return this.db
      .selectFrom('one_time_links')
      .select(['email', 'organisation_id', 'role', 'created_at', 'expires_at'])
      .where('partnership_id', '=', partnershipId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', this.now())
      .orderBy('created_at', 'desc')
      .execute();
  }
}
