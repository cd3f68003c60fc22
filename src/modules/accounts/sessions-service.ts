import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { Role } from './roles.ts';

/** OWASP ASVS 3.3: sessions end after 30 minutes idle and 12 hours in all, whichever comes first. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often, so every page view is not a database write. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SignedIn {
  sessionHash: string;
  personId: string;
  email: string;
  displayName: string;
  partnershipId: string;
  partnershipSlug: string;
  partnershipName: string;
  membershipId: string;
  organisationId: string;
  organisationName: string;
  role: Role;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Server-side sessions: the cookie holds a random token; the database holds only its hash. */
export class SessionsService {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts a new session (a new id every sign-in, so a planted id is never promoted). */
  async create(partnershipId: string, personId: string, membershipId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.db
      .insertInto('sessions')
      .values({ id_hash: hashToken(token), partnership_id: partnershipId, person_id: personId, membership_id: membershipId, created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS) })
      .execute();
    return token;
  }

  async resolve(token: string | undefined): Promise<SignedIn | null> {
    if (!token || token.length > 100) return null;
    const idHash = hashToken(token);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('people', 'people.id', 'sessions.person_id')
      .innerJoin('memberships', 'memberships.id', 'sessions.membership_id')
      .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .innerJoin('partnerships', 'partnerships.id', 'sessions.partnership_id')
      .select([
        'sessions.id_hash', 'sessions.last_seen_at', 'sessions.expires_at', 'people.id as person_id', 'people.email', 'people.display_name', 'people.disabled',
        'partnerships.id as partnership_id', 'partnerships.slug as partnership_slug', 'partnerships.name as partnership_name',
        'memberships.id as membership_id', 'memberships.role', 'organisations.id as organisation_id', 'organisations.name as organisation_name',
      ])
      .where('sessions.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return null;
    const now = this.now().getTime();
    if (row.disabled || new Date(row.expires_at).getTime() <= now || new Date(row.last_seen_at).getTime() + IDLE_TIMEOUT_MS <= now) {
      await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
      return null;
    }
    if (new Date(row.last_seen_at).getTime() + TOUCH_INTERVAL_MS < now) {
      await this.db.updateTable('sessions').set({ last_seen_at: new Date(now) }).where('id_hash', '=', idHash).execute();
    }
    return {
      sessionHash: row.id_hash,
      personId: row.person_id,
      email: row.email,
      displayName: row.display_name,
      partnershipId: row.partnership_id,
      partnershipSlug: row.partnership_slug,
      partnershipName: row.partnership_name,
      membershipId: row.membership_id,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      role: row.role as Role,
    };
  }

  async switchMembership(sessionHash: string, partnershipId: string, personId: string, membershipId: string): Promise<boolean> {
    const membership = await this.db.selectFrom('memberships').select('id').where('partnership_id', '=', partnershipId).where('person_id', '=', personId).where('id', '=', membershipId).executeTakeFirst();
    if (!membership) return false;
    await this.db.updateTable('sessions').set({ membership_id: membershipId }).where('id_hash', '=', sessionHash).execute();
    return true;
  }

  async destroy(token: string | undefined): Promise<void> {
    if (token) await this.db.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute();
  }

  async destroyAllFor(personId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('person_id', '=', personId).execute();
  }
}
