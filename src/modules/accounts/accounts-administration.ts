import type { AuditService } from '../audit/index.ts';
import type { AccountsRepository } from './accounts-repository.ts';
import { AccountsError } from './accounts-errors.ts';
import type { OneTimeLinks } from './one-time-links.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { ORGANISATION_KINDS, isRole, type Role } from './roles.ts';
import type { SessionsService } from './sessions-service.ts';

/** The administrator making a change: who they are, the role they act in, and where from. */
export interface AdminActor {
  personId: string;
  email: string;
  membershipId: string;
  ip: string | null;
}

/** Active, disabled, or given an account (by invitation or the command line) but never signed in. */
export type PersonStatus = 'active' | 'disabled' | 'invited';

export type AcceptResult =
  | { ok: true; partnershipId: string; personId: string; email: string; membershipId: string }
  | { ok: false; reason: 'expired' }
  | { ok: false; reason: 'problem'; field: 'password' | 'displayName' | null; problem: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The administration pages' side of accounts: organisations, people, memberships, invitations and
 * reset links of ONE partnership. Every method takes the partnership id and every query is scoped
 * by it; every change writes an audit event naming the administrator and their address.
 */
export class AccountsAdministration {
  constructor(
    private readonly repository: AccountsRepository,
    private readonly sessions: SessionsService,
    private readonly links: OneTimeLinks,
    private readonly audit: AuditService,
  ) {}

  private record(partnershipId: string, actor: AdminActor, action: string, recordType: string, recordId: string, details: Record<string, unknown> = {}) {
    return this.audit.record({ partnershipId, actorPersonId: actor.personId, actor: actor.email, action, recordType, recordId, ip: actor.ip, details });
  }

  private async organisationOf(partnershipId: string, organisationId: string) {
    const organisation = UUID.test(organisationId) ? await this.repository.findOrganisation(partnershipId, organisationId) : undefined;
    if (!organisation) throw new AccountsError('no-organisation', 'Select an organisation of this partnership');
    return organisation;
  }

  private async personOf(partnershipId: string, personId: string) {
    const person = UUID.test(personId) ? await this.repository.findPerson(partnershipId, personId) : undefined;
    if (!person) throw new AccountsError('no-person', 'There is no such person', 404);
    return person;
  }

  /** The partnership's organisations with the number of people holding a role in each. */
  async organisations(partnershipId: string) {
    const [organisations, memberships] = await Promise.all([this.repository.listOrganisations(partnershipId), this.repository.listMemberships(partnershipId)]);
    return organisations.map((o) => ({ id: o.id, name: o.name, kind: o.kind, area: o.area, people: new Set(memberships.filter((m) => m.organisation_id === o.id).map((m) => m.person_id)).size }));
  }

  async createOrganisation(partnershipId: string, organisation: { name: string; kind: string; area: string | null }, actor: AdminActor): Promise<string> {
    if (!(ORGANISATION_KINDS as readonly string[]).includes(organisation.kind)) throw new AccountsError('invalid-kind', 'Select the kind of organisation');
    const taken = (await this.repository.listOrganisations(partnershipId)).some((o) => o.name.toLowerCase() === organisation.name.toLowerCase());
    if (taken) throw new AccountsError('organisation-exists', `${organisation.name} is already an organisation of this partnership`, 409);
    const id = await this.repository.createOrganisation(partnershipId, organisation);
    await this.record(partnershipId, actor, 'organisation.created', 'organisation', id, { name: organisation.name, kind: organisation.kind });
    return id;
  }

  /** People with their roles and status, and the invitations not yet accepted. */
  async people(partnershipId: string) {
    const [people, memberships, invitations, organisations] = await Promise.all([
      this.repository.listPeople(partnershipId),
      this.repository.listMemberships(partnershipId),
      this.links.pending(partnershipId, 'invitation'),
      this.repository.listOrganisations(partnershipId),
    ]);
    const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
    return {
      people: people.map((p) => ({
        id: p.id,
        email: p.email,
        displayName: p.display_name,
        lastSignInAt: p.last_sign_in_at,
        status: (p.disabled ? 'disabled' : p.last_sign_in_at ? 'active' : 'invited') as PersonStatus,
        memberships: memberships.filter((m) => m.person_id === p.id).map((m) => ({ organisationName: m.organisation_name, role: m.role })),
      })),
      invitations: invitations
        .filter((i) => !people.some((p) => p.email === i.email))
        .map((i) => ({ email: i.email, organisationName: organisationName.get(i.organisation_id ?? '') ?? 'Unknown organisation', role: i.role ?? '', expiresAt: i.expires_at })),
    };
  }

  /** One person of the partnership with their memberships; 404 for anyone else's. */
  async person(partnershipId: string, personId: string) {
    const person = await this.personOf(partnershipId, personId);
    const status: PersonStatus = person.disabled ? 'disabled' : person.last_sign_in_at ? 'active' : 'invited';
    return { id: person.id, email: person.email, displayName: person.display_name, lastSignInAt: person.last_sign_in_at, disabled: person.disabled, status, memberships: await this.repository.memberships(partnershipId, person.id) };
  }

  /**
   * A one-time invitation link token (7 days) to join an organisation of the partnership in a role. An invitation
   * still open for the same email, organisation and role is replaced (its link stops working): `replaced` says when
   * the earlier ones were created, and the audit trail records invitation.reissued instead of invitation.created.
   */
  async invite(partnershipId: string, input: { email: string; organisationId: string; role: string }, actor: AdminActor): Promise<{ token: string; replaced: Date[] }> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 254) throw new AccountsError('invalid-email', 'Enter an email address in the correct format, like name@example.org');
    const organisation = await this.organisationOf(partnershipId, input.organisationId);
    if (!isRole(input.role)) throw new AccountsError('invalid-role', 'Select a role');
    const existing = await this.repository.findPersonByEmail(email);
    if (existing && existing.partnership_id !== partnershipId) throw new AccountsError('email-taken', 'That email address belongs to a person in another partnership', 409);
    if (existing && (await this.repository.memberships(partnershipId, existing.id)).some((m) => m.organisation_id === organisation.id && m.role === input.role)) {
      throw new AccountsError('membership-exists', `${email} already has this role for ${organisation.name}`, 409);
    }
    const replaced = await this.links.expireOpen({ partnershipId, purpose: 'invitation', email, organisationId: organisation.id, role: input.role });
    const token = await this.links.create({ partnershipId, purpose: 'invitation', email, organisationId: organisation.id, role: input.role, createdBy: actor.personId });
    await this.record(partnershipId, actor, replaced.length > 0 ? 'invitation.reissued' : 'invitation.created', 'invitation', email, {
      organisation: organisation.name, role: input.role, ...(replaced.length > 0 ? { replaced: replaced.length } : {}),
    });
    return { token, replaced };
  }

  /** What an invitation link offers, or undefined when it is unknown, used or out of date. */
  async invitation(token: string) {
    const link = await this.links.peek(token, 'invitation');
    if (!link || !link.organisation_id || !isRole(link.role)) return undefined;
    const organisation = await this.repository.findOrganisation(link.partnership_id, link.organisation_id);
    const partnership = await this.repository.findPartnershipById(link.partnership_id);
    if (!organisation || !partnership) return undefined;
    const existing = await this.repository.findPersonByEmail(link.email);
    return {
      email: link.email,
      partnershipName: partnership.name,
      organisationName: organisation.name,
      role: link.role as Role,
      expiresAt: link.expires_at,
      /** The person already has an account here: they confirm with their password instead of choosing one. */
      hasAccount: Boolean(existing && existing.partnership_id === link.partnership_id && existing.password_hash),
    };
  }

  /** Creates the person (or adds the role to the same partnership's existing person) and uses the link up. */
  async acceptInvitation(token: string, input: { displayName: string; password: string }, ip: string | null): Promise<AcceptResult> {
    const link = await this.links.peek(token, 'invitation');
    if (!link || !link.organisation_id || !isRole(link.role)) return { ok: false, reason: 'expired' };
    const organisation = await this.repository.findOrganisation(link.partnership_id, link.organisation_id);
    if (!organisation) return { ok: false, reason: 'expired' };
    const existing = await this.repository.findPersonByEmail(link.email);
    if (existing && existing.partnership_id !== link.partnership_id) return { ok: false, reason: 'problem', field: null, problem: 'This email address already belongs to a person in another partnership. Ask the administrator who invited you' };
    if (existing?.disabled) return { ok: false, reason: 'problem', field: null, problem: 'Your account has been disabled. Ask an administrator of your partnership to enable it' };
    if (existing?.password_hash) {
      if (!(await verifyPassword(existing.password_hash, input.password))) return { ok: false, reason: 'problem', field: 'password', problem: 'Enter your current password' };
    } else {
      const problem = passwordProblem(input.password, link.email);
      if (problem) return { ok: false, reason: 'problem', field: 'password', problem };
    }
    if (!(await this.links.consume(token))) return { ok: false, reason: 'expired' };
    let personId = existing?.id;
    if (!personId) {
      personId = await this.repository.createPerson(link.partnership_id, { email: link.email, displayName: input.displayName.trim() || link.email.split('@')[0]!, passwordHash: await hashPassword(input.password) });
    } else if (!existing?.password_hash) {
      await this.repository.setPassword(link.partnership_id, personId, await hashPassword(input.password));
    }
    const membershipId = await this.repository.addMembership(link.partnership_id, personId, organisation.id, link.role);
    await this.audit.record({ partnershipId: link.partnership_id, actorPersonId: personId, actor: link.email, action: 'invitation.accepted', recordType: 'person', recordId: personId, ip, details: { organisation: organisation.name, role: link.role, newPerson: !existing } });
    return { ok: true, partnershipId: link.partnership_id, personId, email: link.email, membershipId };
  }

  async addMembership(partnershipId: string, personId: string, input: { organisationId: string; role: string }, actor: AdminActor): Promise<void> {
    const person = await this.personOf(partnershipId, personId);
    const organisation = await this.organisationOf(partnershipId, input.organisationId);
    if (!isRole(input.role)) throw new AccountsError('invalid-role', 'Select a role');
    if ((await this.repository.memberships(partnershipId, person.id)).some((m) => m.organisation_id === organisation.id && m.role === input.role)) {
      throw new AccountsError('membership-exists', `${person.email} already has this role for ${organisation.name}`, 409);
    }
    const membershipId = await this.repository.addMembership(partnershipId, person.id, organisation.id, input.role);
    await this.record(partnershipId, actor, 'membership.created', 'person', person.id, { membershipId, organisation: organisation.name, role: input.role });
  }

  /** Removes a role (sessions acting in it end with it); never the administrator's own last admin role. */
  async removeMembership(partnershipId: string, personId: string, membershipId: string, actor: AdminActor): Promise<void> {
    const person = await this.personOf(partnershipId, personId);
    const membership = UUID.test(membershipId) ? await this.repository.findMembership(partnershipId, membershipId) : undefined;
    if (!membership || membership.person_id !== person.id) throw new AccountsError('no-membership', 'There is no such role', 404);
    if (person.id === actor.personId) {
      const adminRoles = (await this.repository.memberships(partnershipId, person.id)).filter((m) => m.role === 'partnership-admin');
      if (membership.role === 'partnership-admin' && adminRoles.length <= 1) throw new AccountsError('last-admin-role', 'You cannot remove your own last partnership administrator role. Ask another administrator to do it', 409);
      if (membership.id === actor.membershipId) throw new AccountsError('acting-role', 'You cannot remove the role you are acting in now. Change your organisation and role on your account page first', 409);
    }
    await this.repository.removeMembership(partnershipId, membership.id);
    await this.record(partnershipId, actor, 'membership.removed', 'person', person.id, { membershipId: membership.id, organisation: membership.organisation_name, role: membership.role });
  }

  /** Disables (ending every session) or enables an account; an administrator cannot disable themselves. */
  async setDisabled(partnershipId: string, personId: string, disabled: boolean, actor: AdminActor): Promise<void> {
    const person = await this.personOf(partnershipId, personId);
    if (disabled && person.id === actor.personId) throw new AccountsError('self-disable', 'You cannot disable your own account', 409);
    await this.repository.setDisabled(partnershipId, person.id, disabled);
    if (disabled) await this.sessions.destroyAllFor(person.id);
    await this.record(partnershipId, actor, disabled ? 'person.disabled' : 'person.enabled', 'person', person.id);
  }

  /** A one-time password-reset link token (1 hour) for a person of the partnership. */
  async createResetLink(partnershipId: string, personId: string, actor: AdminActor): Promise<{ token: string; email: string }> {
    const person = await this.personOf(partnershipId, personId);
    const token = await this.links.create({ partnershipId, purpose: 'password-reset', email: person.email, createdBy: actor.personId });
    await this.record(partnershipId, actor, 'password-reset.link-created', 'person', person.id);
    return { token, email: person.email };
  }
}
