import { timingSafeEqual } from 'node:crypto';
import type { AuditService } from '../audit/index.ts';
import type { AccountsRepository } from './accounts-repository.ts';
import type { AccountsService } from './accounts-service.ts';
import { addSsoConnection, listSsoConnections, type NewSsoConnection, type SsoConnectionSummary } from './sso-admin.ts';
import { SsoError, classifyOidcError, type SsoFailure } from './sso-errors.ts';
import { OidcClients, type OidcChecks, type OidcClientOptions } from './sso-oidc-client.ts';
import type { SsoConnection, SsoRepository } from './sso-repository.ts';

/** How long a started sign-in may take at the provider before the callback is refused. */
export const SSO_TRANSACTION_TTL_MS = 10 * 60 * 1000;

/** What is kept between `begin` and `complete` (in a signed cookie: see sso-routes.ts). */
export interface SsoTransaction extends OidcChecks {
  connection: string;
  returnTo: string;
  redirectUri: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Per instance: clock skew for token times, request timeout (see OidcClientOptions). */
export type SsoServiceOptions = OidcClientOptions;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function sameString(a: string | null, b: string): boolean {
  if (a === null) return false;
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

interface Attempt {
  slug: string;
  ip: string | null;
  connection?: SsoConnection;
  email?: string;
  personId?: string;
}

/**
 * OpenID Connect single sign-on: a connection trusts one provider for the email domains it lists,
 * and signs those people in to its partnership, creating them with the connection's organisation
 * and default role on first sign-in. Every refusal is an SsoError, audited as `sso.failed`.
 */
export class SsoService {
  private readonly clients: OidcClients;

  constructor(
    private readonly repository: SsoRepository,
    private readonly people: AccountsRepository,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    options: SsoServiceOptions = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.clients = new OidcClients(options, () => this.now().getTime());
  }

  /** The connections offered on the sign-in page. */
  async listConnections(): Promise<{ slug: string; displayName: string }[]> {
    return (await this.repository.list()).map((c) => ({ slug: c.slug, displayName: c.display_name }));
  }

  /** Adds a connection (command line); returns its id. */
  addConnection(input: NewSsoConnection, actor: string): Promise<string> {
    return addSsoConnection({ repository: this.repository, people: this.people, audit: this.audit }, input, actor);
  }

  /** Every connection with its settings except the client secret (command line). */
  describeConnections(): Promise<SsoConnectionSummary[]> {
    return listSsoConnections(this.repository);
  }

  /** Starts a sign-in: the provider's authorization URL, and the transaction to keep until the callback. */
  async begin(slug: string, returnTo: string, redirectUri: string, ip: string | null = null): Promise<{ authorizationUrl: string; transaction: SsoTransaction }> {
    const attempt: Attempt = { slug, ip };
    const connection = (attempt.connection = await this.repository.findBySlug(slug));
    if (!connection) return this.fail('unknown-connection', attempt);
    try {
      const { url, checks } = await this.clients.authorizationUrl(connection, redirectUri);
      return { authorizationUrl: url, transaction: { ...checks, connection: slug, returnTo, redirectUri, expiresAt: this.now().getTime() + SSO_TRANSACTION_TTL_MS } };
    } catch (error) {
      return this.fail(classifyOidcError(error), attempt);
    }
  }

  /**
   * Finishes a sign-in from the provider's redirect: checks the transaction and state, exchanges the
   * code, requires a verified email in one of the connection's domains, finds or creates the person
   * and starts a session. Returns the session token and where to go next.
   */
  async complete(slug: string, callbackUrl: URL, transaction: SsoTransaction | null, ip: string | null): Promise<{ token: string; personId: string; returnTo: string }> {
    const attempt: Attempt = { slug, ip };
    const connection = (attempt.connection = await this.repository.findBySlug(slug));
    if (!connection) return this.fail('unknown-connection', attempt);
    if (!transaction || transaction.connection !== slug || transaction.expiresAt < this.now().getTime()) return this.fail('transaction-missing', attempt);
    if (!sameString(callbackUrl.searchParams.get('state'), transaction.state)) return this.fail('state-mismatch', attempt);

    // the redirect_uri sent with the code must be the one sent to the provider, whatever Host this request had
    const current = new URL(transaction.redirectUri);
    current.search = callbackUrl.search;
    let claims;
    try {
      claims = await this.clients.exchange(connection, current, transaction);
    } catch (error) {
      return this.fail(classifyOidcError(error), attempt);
    }

    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!EMAIL.test(email)) return this.fail('email-missing', attempt);
    attempt.email = email;
    if (claims.email_verified !== true) return this.fail('email-unverified', attempt);
    if (!connection.emailDomains.includes(email.slice(email.lastIndexOf('@') + 1))) return this.fail('domain-not-allowed', attempt);

    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email.split('@')[0]!;
    const personId = await this.findOrCreatePerson(connection, email, name, attempt);
    attempt.personId = personId;
    const result = await this.accounts.startSession(connection.partnershipId, personId, email, ip, 'oidc');
    if (!result.ok) return this.fail('no-membership', attempt);
    return { token: result.token, personId, returnTo: transaction.returnTo };
  }

  /** Existing people keep their memberships; a new person gets the connection's organisation and role. */
  private async findOrCreatePerson(connection: SsoConnection, email: string, displayName: string, attempt: Attempt): Promise<string> {
    let person = await this.people.findPersonByEmail(email);
    if (!person) {
      try {
        const id = await this.repository.createPersonWithMembership(connection.partnershipId, { email, displayName }, connection.organisationId, connection.defaultRole);
        await this.audit.record({
          partnershipId: connection.partnershipId,
          actorPersonId: id,
          actor: email,
          action: 'person.created',
          recordType: 'person',
          recordId: id,
          ip: attempt.ip,
          details: { method: 'oidc', connection: connection.slug, organisationId: connection.organisationId, role: connection.defaultRole },
        });
        return id;
      } catch (error) {
        // two first sign-ins at once: the other one created the person (people.email is unique)
        person = await this.people.findPersonByEmail(email);
        if (!person) throw error;
      }
    }
    if (person.partnership_id !== connection.partnershipId) return this.fail('other-partnership', attempt);
    attempt.personId = person.id;
    if (person.disabled) return this.fail('person-disabled', attempt);
    return person.id;
  }

  private async fail(code: SsoFailure, attempt: Attempt): Promise<never> {
    await this.audit.record({
      partnershipId: attempt.connection?.partnershipId ?? null,
      actorPersonId: attempt.personId ?? null,
      actor: attempt.email ?? 'signed-out visitor',
      action: 'sso.failed',
      ip: attempt.ip,
      // the slug may come from the address bar: keep it short
      details: { connection: attempt.slug.slice(0, 64), reason: code },
    });
    throw new SsoError(code);
  }
}
