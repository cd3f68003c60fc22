import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';

/** People, memberships and organisations; every query names its partnership except sign-in's email lookup. */
export class AccountsRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  findPartnership(slug: string) {
    return this.db.selectFrom('partnerships').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  async partnershipSlugs(): Promise<string[]> {
    return (await this.db.selectFrom('partnerships').select('slug').orderBy('slug').execute()).map((r) => r.slug);
  }

  async ensurePartnership(slug: string, name: string): Promise<string> {
    const existing = await this.findPartnership(slug);
    if (existing) return existing.id;
    return (await this.db.insertInto('partnerships').values({ slug, name }).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** Sign-in is the one lookup across partnerships: an email identifies one person. */
  findPersonByEmail(email: string) {
    return this.db.selectFrom('people').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  }

  findPerson(partnershipId: string, personId: string) {
    return this.db.selectFrom('people').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', personId).executeTakeFirst();
  }

  async createPerson(partnershipId: string, person: { email: string; displayName: string; passwordHash: string | null }): Promise<string> {
    const row = await this.db
      .insertInto('people')
      .values({ partnership_id: partnershipId, email: person.email.toLowerCase(), display_name: person.displayName, password_hash: person.passwordHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async setPassword(partnershipId: string, personId: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('people').set({ password_hash: passwordHash }).where('partnership_id', '=', partnershipId).where('id', '=', personId).execute();
  }

  async setDisabled(partnershipId: string, personId: string, disabled: boolean): Promise<void> {
    await this.db.updateTable('people').set({ disabled }).where('partnership_id', '=', partnershipId).where('id', '=', personId).execute();
  }

  async recordSignIn(personId: string): Promise<void> {
    await this.db.updateTable('people').set({ last_sign_in_at: new Date() }).where('id', '=', personId).execute();
  }

  async addMembership(partnershipId: string, personId: string, organisationId: string, role: string): Promise<string> {
    const existing = await this.db
      .selectFrom('memberships')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', personId)
      .where('organisation_id', '=', organisationId)
      .where('role', '=', role)
      .executeTakeFirst();
    if (existing) return existing.id;
    return (await this.db.insertInto('memberships').values({ partnership_id: partnershipId, person_id: personId, organisation_id: organisationId, role }).returning('id').executeTakeFirstOrThrow()).id;
  }

  async removeMembership(partnershipId: string, membershipId: string): Promise<void> {
    await this.db.deleteFrom('memberships').where('partnership_id', '=', partnershipId).where('id', '=', membershipId).execute();
  }

  memberships(partnershipId: string, personId: string) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select(['memberships.id', 'memberships.role', 'memberships.organisation_id', 'organisations.name as organisation_name'])
      .where('memberships.partnership_id', '=', partnershipId)
      .where('memberships.person_id', '=', personId)
      .orderBy('organisations.name')
      .orderBy('memberships.role')
      .execute();
  }

  listPeople(partnershipId: string) {
    return this.db
      .selectFrom('people')
      .select(['id', 'email', 'display_name', 'disabled', 'last_sign_in_at', 'password_hash'])
      .where('partnership_id', '=', partnershipId)
      .orderBy('email')
      .execute();
  }

  listMemberships(partnershipId: string) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select(['memberships.id', 'memberships.person_id', 'memberships.role', 'memberships.organisation_id', 'organisations.name as organisation_name'])
      .where('memberships.partnership_id', '=', partnershipId)
      .orderBy('organisations.name')
      .orderBy('memberships.role')
      .execute();
  }

  /** One membership of the partnership, with its organisation's name. */
  findMembership(partnershipId: string, membershipId: string) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select(['memberships.id', 'memberships.person_id', 'memberships.role', 'memberships.organisation_id', 'organisations.name as organisation_name'])
      .where('memberships.partnership_id', '=', partnershipId)
      .where('memberships.id', '=', membershipId)
      .executeTakeFirst();
  }

  findPartnershipById(partnershipId: string) {
    return this.db.selectFrom('partnerships').selectAll().where('id', '=', partnershipId).executeTakeFirst();
  }

  listOrganisations(partnershipId: string) {
    return this.db.selectFrom('organisations').selectAll().where('partnership_id', '=', partnershipId).orderBy('name').execute();
  }

  findOrganisation(partnershipId: string, idOrName: string) {
    const isUuid = /^[0-9a-f-]{36}$/i.test(idOrName);
    return this.db
      .selectFrom('organisations')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where(isUuid ? 'id' : 'name', '=', idOrName)
      .executeTakeFirst();
  }

  async createOrganisation(partnershipId: string, organisation: { name: string; kind: string; area: string | null }): Promise<string> {
    const row = await this.db
      .insertInto('organisations')
      .values({ partnership_id: partnershipId, name: organisation.name, kind: organisation.kind, area: organisation.area })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
}
