import type { Kysely, Selectable } from 'kysely';
import type { Schema, SsoConnectionsTable } from '../../db/schema.ts';

/** A single sign-on connection as the service uses it (the secret stays inside this module). */
export interface SsoConnection {
  id: string;
  partnershipId: string;
  slug: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailDomains: string[];
  organisationId: string;
  defaultRole: string;
}

function toConnection(row: Selectable<SsoConnectionsTable>): SsoConnection {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    slug: row.slug,
    displayName: row.display_name,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: row.client_secret,
    // jsonb arrives parsed on both drivers; lower-cased so the comparison with an email's domain is exact
    emailDomains: (Array.isArray(row.email_domains) ? row.email_domains : []).map((d) => String(d).toLowerCase()),
    organisationId: row.organisation_id,
    defaultRole: row.default_role,
  };
}

/** The sso_connections table, and the one write single sign-on makes to people: a new person with a role. */
export class SsoRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async findBySlug(slug: string): Promise<SsoConnection | undefined> {
    const row = await this.db.selectFrom('sso_connections').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row ? toConnection(row) : undefined;
  }

  /** Every connection with its partnership and organisation names, ordered for the sign-in page and the CLI. */
  list() {
    return this.db
      .selectFrom('sso_connections')
      .innerJoin('partnerships', 'partnerships.id', 'sso_connections.partnership_id')
      .innerJoin('organisations', 'organisations.id', 'sso_connections.organisation_id')
      .selectAll('sso_connections')
      .select(['partnerships.slug as partnership_slug', 'organisations.name as organisation_name'])
      .orderBy('sso_connections.display_name')
      .orderBy('sso_connections.slug')
      .execute();
  }

  async insert(connection: Omit<SsoConnection, 'id'>): Promise<string> {
    const row = await this.db
      .insertInto('sso_connections')
      .values({
        partnership_id: connection.partnershipId,
        slug: connection.slug,
        display_name: connection.displayName,
        issuer: connection.issuer,
        client_id: connection.clientId,
        client_secret: connection.clientSecret,
        email_domains: JSON.stringify(connection.emailDomains),
        organisation_id: connection.organisationId,
        default_role: connection.defaultRole,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Person and membership together, so a failure cannot leave a person who can never sign in. */
  async createPersonWithMembership(partnershipId: string, person: { email: string; displayName: string }, organisationId: string, role: string): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('people')
        .values({ partnership_id: partnershipId, email: person.email.toLowerCase(), display_name: person.displayName, password_hash: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('memberships').values({ partnership_id: partnershipId, person_id: id, organisation_id: organisationId, role }).execute();
      return id;
    });
  }
}
