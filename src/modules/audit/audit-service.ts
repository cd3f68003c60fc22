import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';

export interface AuditEvent {
  partnershipId: string | null;
  actorPersonId: string | null;
  /** Who, as shown in the trail: an email, "command line" or "signed-out visitor". */
  actor: string;
  /** What happened, a stable dotted name: "progress-update.created", "sign-in.failed" ... */
  action: string;
  recordType?: string;
  recordId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditSearch {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit?: number;
}

/**
 * The append-only audit trail (the table refuses update and delete). Who changed what goes here,
 * never to the application log; details must not hold personal data about children.
 */
export class AuditService {
  constructor(private readonly db: Kysely<Schema>) {}

  async record(event: AuditEvent): Promise<void> {
    await this.db
      .insertInto('audit_events')
      .values({
        partnership_id: event.partnershipId,
        actor_person_id: event.actorPersonId,
        actor: event.actor,
        action: event.action,
        record_type: event.recordType ?? null,
        record_id: event.recordId ?? null,
        ip: event.ip ?? null,
        details: JSON.stringify(event.details ?? {}),
      })
      .execute();
  }

  search(partnershipId: string, query: AuditSearch) {
    let q = this.db.selectFrom('audit_events').selectAll().where('partnership_id', '=', partnershipId);
    if (query.action) q = q.where('action', 'like', `${query.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (query.actor) q = q.where('actor', 'ilike', `%${query.actor.replace(/[%_\\]/g, '\\$&')}%`);
    if (query.from) q = q.where('at', '>=', new Date(`${query.from}T00:00:00Z`));
    if (query.to) q = q.where('at', '<', new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000));
    return q.orderBy('id', 'desc').limit(Math.min(query.limit ?? 200, 1000)).execute();
  }
}
