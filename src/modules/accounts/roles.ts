/** The roles a person can hold in an organisation of a partnership (closed vocabulary). */
export const ROLES = ['partnership-admin', 'plan-editor', 'analyst', 'data-submitter', 'viewer', 'forum-member'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  'partnership-admin': 'Partnership administrator',
  'plan-editor': 'Plan editor',
  analyst: 'Analyst (case-level data)',
  'data-submitter': 'Data submitter',
  viewer: 'Viewer (board member)',
  'forum-member': 'Parent carer forum member',
};

export const ORGANISATION_KINDS = ['council', 'icb', 'nhs-provider', 'school-or-setting', 'parent-carer-forum', 'sendiass', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  council: 'Council',
  icb: 'NHS integrated care board',
  'nhs-provider': 'NHS provider trust',
  'school-or-setting': 'School or setting',
  'parent-carer-forum': 'Parent carer forum',
  sendiass: 'SENDIASS',
  other: 'Other',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What an API token may be allowed to do (closed vocabulary; see returns/api-tokens.ts). */
export const API_SCOPES = ['returns:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/**
 * What a route needs. Every route declares one (an undeclared route fails at start-up):
 * `public` (anyone, signed in or not), `signed-in` (any role), a list of roles, or an API token with
 * a scope. Role routes are also scoped: a person acts only within their own partnership.
 * API token routes read the token from the `Authorization: Bearer` header only, never a cookie, so
 * CSRF does not apply to them; they are rate limited (see web/security.ts).
 */
export type Access = { public: true } | { signedIn: true } | { roles: readonly Role[] } | { apiToken: ApiScope };

export const PUBLIC: Access = { public: true };
export const SIGNED_IN: Access = { signedIn: true };
export const roles = (...allowed: Role[]): Access => ({ roles: allowed });
export const apiToken = (scope: ApiScope): Access => ({ apiToken: scope });
