import type { AuditService } from '../audit/index.ts';
import type { AccountsRepository } from './accounts-repository.ts';
import { AccountsError } from './accounts-errors.ts';
import { isRole } from './roles.ts';
import { issuerProblem } from './sso-oidc-client.ts';
import type { SsoRepository } from './sso-repository.ts';

/** What `sso add` gives to create a connection. */
export interface NewSsoConnection {
  partnershipSlug: string;
  slug: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Organisation name (or id) in the partnership; new people join it. */
  organisation: string;
  /** Email domains the provider is trusted for, like "essex.gov.uk"; no wildcards. */
  domains: string[];
  /** Role a new person gets; default viewer. */
  role?: string;
}

/** A connection as listed to administrators: everything but the client secret. */
export interface SsoConnectionSummary {
  slug: string;
  displayName: string;
  partnership: string;
  organisation: string;
  issuer: string;
  clientId: string;
  emailDomains: string[];
  defaultRole: string;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Checks and stores a new connection; audited as `sso-connection.created` (without the secret). */
export async function addSsoConnection(deps: { repository: SsoRepository; people: AccountsRepository; audit: AuditService }, input: NewSsoConnection, actor: string): Promise<string> {
  const slug = input.slug.trim();
  if (!SLUG.test(slug)) throw new AccountsError('invalid-slug', 'The connection slug must be lower-case letters, digits and single hyphens, like essex-council');
  if (!input.displayName.trim()) throw new AccountsError('invalid-name', 'Enter a display name, like "Essex County Council"');
  const problem = issuerProblem(input.issuer.trim());
  if (problem) throw new AccountsError('invalid-issuer', problem);
  if (!input.clientId.trim() || !input.clientSecret) throw new AccountsError('invalid-client', 'Enter the client id and client secret the provider issued');
  const domains = [...new Set(input.domains.map((d) => d.trim().toLowerCase().replace(/^@/, '')))];
  if (domains.length === 0) throw new AccountsError('invalid-domain', 'Give at least one email domain (--domain essex.gov.uk)');
  const badDomain = domains.find((d) => !DOMAIN.test(d));
  if (badDomain !== undefined) throw new AccountsError('invalid-domain', `"${badDomain}" is not an email domain, like essex.gov.uk`);
  const role = input.role ?? 'viewer';
  if (!isRole(role)) throw new AccountsError('invalid-role', 'Role must be one of: partnership-admin, plan-editor, analyst, data-submitter, viewer, forum-member');
  const partnership = await deps.people.findPartnership(input.partnershipSlug);
  if (!partnership) throw new AccountsError('no-partnership', `There is no partnership "${input.partnershipSlug}"`, 404);
  const organisation = await deps.people.findOrganisation(partnership.id, input.organisation);
  if (!organisation) throw new AccountsError('no-organisation', `There is no organisation "${input.organisation}" in ${partnership.name}`, 404);
  if (await deps.repository.findBySlug(slug)) throw new AccountsError('connection-exists', `There is already a connection "${slug}"`, 409);

  const id = await deps.repository.insert({
    partnershipId: partnership.id,
    slug,
    displayName: input.displayName.trim(),
    issuer: input.issuer.trim(),
    clientId: input.clientId.trim(),
    clientSecret: input.clientSecret,
    emailDomains: domains,
    organisationId: organisation.id,
    defaultRole: role,
  });
  await deps.audit.record({
    partnershipId: partnership.id,
    actorPersonId: null,
    actor,
    action: 'sso-connection.created',
    recordType: 'sso-connection',
    recordId: id,
    details: { slug, issuer: input.issuer.trim(), organisation: organisation.name, domains, role },
  });
  return id;
}

/** Every connection, for administrators (no secrets). */
export async function listSsoConnections(repository: SsoRepository): Promise<SsoConnectionSummary[]> {
  return (await repository.list()).map((c) => ({
    slug: c.slug,
    displayName: c.display_name,
    partnership: c.partnership_slug,
    organisation: c.organisation_name,
    issuer: c.issuer,
    clientId: c.client_id,
    emailDomains: Array.isArray(c.email_domains) ? c.email_domains : [],
    defaultRole: c.default_role,
  }));
}
