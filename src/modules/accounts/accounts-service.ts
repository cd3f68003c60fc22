import { randomBytes } from 'node:crypto';
import type { AuditService } from '../audit/index.ts';
import { AccountsAdministration } from './accounts-administration.ts';
import { AccountsError } from './accounts-errors.ts';
import type { AccountsRepository } from './accounts-repository.ts';
import type { OneTimeLinks } from './one-time-links.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { isRole, type Role } from './roles.ts';
import type { SessionsService } from './sessions-service.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';

export { AccountsError };

export type SignInResult =
  | { ok: true; token: string; personId: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'no-membership'; retryAfterMinutes?: number };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Accounts: people, their memberships, password sign-in with back-off, reset and invitation links. */
export class AccountsService {
  /** The administration pages' operations, each scoped to one partnership (see accounts-administration.ts). */
  readonly administration: AccountsAdministration;

  constructor(
    private readonly repository: AccountsRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: SignInThrottle,
    private readonly links: OneTimeLinks,
    private readonly audit: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.administration = new AccountsAdministration(repository, sessions, links, audit);
  }

  async signIn(emailInput: string, password: string, ip: string | null): Promise<SignInResult> {
    const email = emailInput.trim().toLowerCase();
    const lockedUntil = await this.throttle.lockedUntil(email);
    if (lockedUntil) {
      await this.audit.record({ partnershipId: null, actorPersonId: null, actor: 'signed-out visitor', action: 'sign-in.refused-locked', ip });
      return { ok: false, reason: 'locked', retryAfterMinutes: Math.ceil((lockedUntil.getTime() - this.now().getTime()) / 60_000) };
    }
    const person = await this.repository.findPersonByEmail(email);
    const valid = await verifyPassword(person?.password_hash ?? null, password);
    if (!person || !valid || person.disabled) {
      await this.throttle.recordFailure(email);
      await this.audit.record({ partnershipId: person?.partnership_id ?? null, actorPersonId: person?.id ?? null, actor: person ? person.email : 'signed-out visitor', action: 'sign-in.failed', ip });
      return { ok: false, reason: 'invalid' };
    }
    await this.throttle.clear(email);
    return this.startSession(person.partnership_id, person.id, person.email, ip, 'password');
  }

  /** Starts a session acting as the person's first membership; used by password and single sign-on. */
  async startSession(partnershipId: string, personId: string, email: string, ip: string | null, method: string): Promise<SignInResult> {
    const memberships = await this.repository.memberships(partnershipId, personId);
    const first = memberships[0];
    if (!first) return { ok: false, reason: 'no-membership' };
    const token = await this.sessions.create(partnershipId, personId, first.id);
    await this.repository.recordSignIn(personId);
    await this.audit.record({ partnershipId, actorPersonId: personId, actor: email, action: 'sign-in.succeeded', recordType: 'person', recordId: personId, ip, details: { method } });
    return { ok: true, token, personId };
  }

  /** Creates a person with a membership (command line and admin pages); returns their id. */
  async createUser(input: { partnershipSlug: string; email: string; displayName?: string; organisation: string; role: string; password?: string; actor: string; actorPersonId?: string | null }): Promise<{ personId: string; created: boolean }> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw new AccountsError('invalid-email', 'Enter an email address in the correct format, like name@example.org');
    if (!isRole(input.role)) throw new AccountsError('invalid-role', `Role must be one of: partnership-admin, plan-editor, analyst, data-submitter, viewer, forum-member`);
    const partnership = await this.repository.findPartnership(input.partnershipSlug);
    if (!partnership) throw new AccountsError('no-partnership', `There is no partnership "${input.partnershipSlug}"`, 404);
    const organisation = await this.repository.findOrganisation(partnership.id, input.organisation);
    if (!organisation) throw new AccountsError('no-organisation', `There is no organisation "${input.organisation}" in ${partnership.name}`, 404);
    if (input.password !== undefined) {
      const problem = passwordProblem(input.password, email);
      if (problem) throw new AccountsError('weak-password', problem);
    }
    const existing = await this.repository.findPersonByEmail(email);
    if (existing && existing.partnership_id !== partnership.id) throw new AccountsError('email-taken', 'That email address belongs to a person in another partnership', 409);
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    const personId = existing?.id ?? (await this.repository.createPerson(partnership.id, { email, displayName: input.displayName?.trim() || email.split('@')[0]!, passwordHash }));
    await this.repository.addMembership(partnership.id, personId, organisation.id, input.role);
    await this.audit.record({ partnershipId: partnership.id, actorPersonId: input.actorPersonId ?? null, actor: input.actor, action: existing ? 'membership.created' : 'person.created', recordType: 'person', recordId: personId, details: { organisation: organisation.name, role: input.role } });
    return { personId, created: !existing };
  }

  /** A one-time password-reset link token for a person (printed by the command line when no mail is configured). */
  async createResetToken(emailInput: string, actor: string): Promise<string> {
    const email = emailInput.trim().toLowerCase();
    const person = await this.repository.findPersonByEmail(email);
    if (!person) throw new AccountsError('no-person', `There is no person with the email address ${email}`, 404);
    const token = await this.links.create({ partnershipId: person.partnership_id, purpose: 'password-reset', email });
    await this.audit.record({ partnershipId: person.partnership_id, actorPersonId: null, actor, action: 'password-reset.link-created', recordType: 'person', recordId: person.id });
    return token;
  }

  async resetLinkIsValid(token: string): Promise<boolean> {
    return (await this.links.peek(token, 'password-reset')) !== undefined;
  }

  /** Sets a new password from a reset link; ends every session of that person. */
  async resetPassword(token: string, password: string, ip: string | null): Promise<{ ok: true } | { ok: false; problem: string }> {
    const link = await this.links.peek(token, 'password-reset');
    if (!link) return { ok: false, problem: 'This link has expired or has already been used' };
    const problem = passwordProblem(password, link.email);
    if (problem) return { ok: false, problem };
    const person = await this.repository.findPersonByEmail(link.email);
    if (!person || !(await this.links.consume(token))) return { ok: false, problem: 'This link has expired or has already been used' };
    await this.repository.setPassword(person.partnership_id, person.id, await hashPassword(password));
    await this.sessions.destroyAllFor(person.id);
    await this.throttle.clear(link.email);
    await this.audit.record({ partnershipId: person.partnership_id, actorPersonId: person.id, actor: person.email, action: 'password.reset', recordType: 'person', recordId: person.id, ip });
    return { ok: true };
  }

  /**
   * On a fresh embedded installation: a demo administrator for the first example partnership with a
   * generated password, returned once to be printed; null when any person already exists.
   */
  async createDemoAdmin(partnershipSlug: string, organisationName: string): Promise<{ email: string; password: string } | null> {
    const partnership = await this.repository.findPartnership(partnershipSlug);
    if (!partnership || (await this.repository.listPeople(partnership.id)).length > 0) return null;
    if (!(await this.repository.findOrganisation(partnership.id, organisationName))) {
      await this.repository.createOrganisation(partnership.id, { name: organisationName, kind: 'council', area: null });
    }
    const password = randomBytes(12).toString('base64url');
    const email = `demo-admin@${partnershipSlug}.example`;
    await this.createUser({ partnershipSlug, email, displayName: 'Demo administrator', organisation: organisationName, role: 'partnership-admin', password, actor: 'first start' });
    return { email, password };
  }

  async ensurePartnership(slug: string, name: string): Promise<string> {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw new AccountsError('invalid-partnership', 'A partnership slug is lower-case letters, digits and hyphens');
    return this.repository.ensurePartnership(slug, name);
  }

  async partnershipSlugs(): Promise<string[]> {
    return this.repository.partnershipSlugs();
  }

  async organisationExists(partnershipSlug: string, name: string): Promise<boolean> {
    const partnership = await this.repository.findPartnership(partnershipSlug);
    return Boolean(partnership && (await this.repository.findOrganisation(partnership.id, name)));
  }

  /** Adds an organisation to a partnership (command line and admin pages). */
  async createOrganisation(partnershipSlug: string, organisation: { name: string; kind: string; area: string | null }, actor: string, actorPersonId: string | null = null): Promise<string> {
    const partnership = await this.repository.findPartnership(partnershipSlug);
    if (!partnership) throw new AccountsError('no-partnership', `There is no partnership "${partnershipSlug}"`, 404);
    if (await this.repository.findOrganisation(partnership.id, organisation.name)) throw new AccountsError('organisation-exists', `${organisation.name} is already an organisation of this partnership`, 409);
    const id = await this.repository.createOrganisation(partnership.id, organisation);
    await this.audit.record({ partnershipId: partnership.id, actorPersonId, actor, action: 'organisation.created', recordType: 'organisation', recordId: id, details: { name: organisation.name, kind: organisation.kind } });
    return id;
  }

  memberships(partnershipId: string, personId: string) {
    return this.repository.memberships(partnershipId, personId);
  }

  async actAs(sessionHash: string, partnershipId: string, personId: string, membershipId: string): Promise<boolean> {
    return this.sessions.switchMembership(sessionHash, partnershipId, personId, membershipId);
  }

  signOut(token: string | undefined) {
    return this.sessions.destroy(token);
  }

  resolveSession(token: string | undefined) {
    return this.sessions.resolve(token);
  }
}

export type { Role };
