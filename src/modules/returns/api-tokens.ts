import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { AuditService } from '../audit/index.ts';
import type { ApiPrincipal } from '../../web/security.ts';

/** What a token may do; the only scope today. */
export const RETURNS_WRITE = 'returns:write';

/** Who holds a token: the security layer's ApiPrincipal (web/ declares it so it needs no returns types). */
export type TokenPrincipal = ApiPrincipal;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * API tokens for data returns: one organisation each, scoped, revocable. The secret is shown once at
 * creation; only its SHA-256 is stored, so a copy of the database yields no working token.
 * Format: `sot_<8 hex prefix>_<43 base64url>` (256 bits of randomness); the prefix identifies it in lists.
 */
export class ApiTokens {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {}

  async create(partnershipId: string, organisationId: string, name: string, actor: { label: string; personId: string | null }): Promise<{ id: string; token: string }> {
    const prefix = randomBytes(4).toString('hex');
    const token = `sot_${prefix}_${randomBytes(32).toString('base64url')}`;
    const row = await this.db
      .insertInto('api_tokens')
      .values({ partnership_id: partnershipId, organisation_id: organisationId, name: name.trim().slice(0, 100) || 'API token', token_hash: hash(token), token_prefix: prefix, created_by: actor.label })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.audit.record({ partnershipId, actorPersonId: actor.personId, actor: actor.label, action: 'api-token.created', recordType: 'api-token', recordId: row.id, details: { prefix, organisationId } });
    return { id: row.id, token };
  }

  /** The token's holder, or null when the token is unknown, malformed or revoked. */
  async authenticate(token: string): Promise<TokenPrincipal | null> {
    if (!/^sot_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const digest = hash(token);
    const row = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('organisations as o', 'o.id', 't.organisation_id')
      .select(['t.id', 't.partnership_id', 't.organisation_id', 't.name', 't.scopes', 't.token_hash', 't.revoked_at', 'o.name as organisation_name'])
      .where('t.token_hash', '=', digest)
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return null;
    if (!timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(digest))) return null;
    await this.db.updateTable('api_tokens').set({ last_used_at: this.now() }).where('id', '=', row.id).execute();
    return { tokenId: row.id, partnershipId: row.partnership_id, organisationId: row.organisation_id, organisationName: row.organisation_name, name: row.name, scopes: row.scopes };
  }

  list(partnershipId: string) {
    return this.db
      .selectFrom('api_tokens as t')
      .innerJoin('organisations as o', 'o.id', 't.organisation_id')
      .select(['t.id', 't.name', 't.token_prefix', 't.scopes', 't.created_by', 't.created_at', 't.last_used_at', 't.revoked_at', 'o.name as organisation_name'])
      .where('t.partnership_id', '=', partnershipId)
      .orderBy('t.created_at', 'desc')
      .execute();
  }

  async revoke(partnershipId: string, tokenId: string, actor: { label: string; personId: string | null }): Promise<boolean> {
    const result = await this.db.updateTable('api_tokens').set({ revoked_at: this.now() }).where('partnership_id', '=', partnershipId).where('id', '=', tokenId).where('revoked_at', 'is', null).executeTakeFirst();
    const revoked = Number(result.numUpdatedRows) > 0;
    if (revoked) await this.audit.record({ partnershipId, actorPersonId: actor.personId, actor: actor.label, action: 'api-token.revoked', recordType: 'api-token', recordId: tokenId });
    return revoked;
  }
}
