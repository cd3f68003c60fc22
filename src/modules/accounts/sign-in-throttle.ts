import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';

/** Free attempts before back-off starts (NCSC: throttle rather than lock out for good). */
export const FREE_ATTEMPTS = 5;
export const MAX_LOCK_MINUTES = 60;

/** Minutes an email is locked after `failures` consecutive failures: 1, 2, 4 ... up to an hour. */
export function lockMinutes(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_LOCK_MINUTES);
}

/**
 * Counts failed sign-ins per email, whether or not the account exists (so the back-off reveals
 * nothing), keyed by an HMAC of the email so the table holds no addresses.
 */
export class SignInThrottle {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private key(email: string): string {
    return createHmac('sha256', this.secret).update(`sign-in:${email.toLowerCase()}`).digest('hex');
  }

  /** When the email may try again, or null if it may try now. */
  async lockedUntil(email: string): Promise<Date | null> {
    const row = await this.db.selectFrom('sign_in_failures').select('locked_until').where('email_hash', '=', this.key(email)).executeTakeFirst();
    if (!row?.locked_until) return null;
    return new Date(row.locked_until) > this.now() ? new Date(row.locked_until) : null;
  }

  async recordFailure(email: string): Promise<number> {
    const key = this.key(email);
    const now = this.now();
    const row = await this.db.selectFrom('sign_in_failures').select('failures').where('email_hash', '=', key).executeTakeFirst();
    const failures = (row?.failures ?? 0) + 1;
    const minutes = lockMinutes(failures);
    const lockedUntil = minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null;
    await this.db
      .insertInto('sign_in_failures')
      .values({ email_hash: key, failures, locked_until: lockedUntil, last_failure_at: now })
      .onConflict((oc) => oc.column('email_hash').doUpdateSet({ failures, locked_until: lockedUntil, last_failure_at: now }))
      .execute();
    return failures;
  }

  async clear(email: string): Promise<void> {
    await this.db.deleteFrom('sign_in_failures').where('email_hash', '=', this.key(email)).execute();
  }
}
