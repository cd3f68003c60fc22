import type { FastifyRequest } from 'fastify';
import { AccountsError, roles, type AdminActor } from '../accounts/index.ts';
import type { FieldError } from './admin-forms.ts';

/** Every administration route: partnership administrators only, always in their own partnership. */
export const ADMIN_ONLY = { access: roles('partnership-admin') };

/** The signed-in administrator as the accounts module records them. */
export function adminActor(request: FastifyRequest): AdminActor {
  const auth = request.auth!;
  return { personId: auth.personId, email: auth.email, membershipId: auth.membershipId, ip: request.ip };
}

/** The base of links this site hands out ("https://host"), from the request that asked for one. */
export function siteOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Which form field a refusal from the accounts module belongs to. */
const FIELD_OF_CODE: Record<string, string> = {
  'invalid-email': 'email',
  'email-taken': 'email',
  'no-organisation': 'organisation',
  'invalid-role': 'role',
  'membership-exists': 'role',
  'organisation-exists': 'name',
  'invalid-kind': 'kind',
};

/**
 * A refusal from the accounts module as a form error (linked to `field`, or to the field the code
 * names); anything else, including "not found" (404), is thrown on to the error handler.
 */
export function refusalAsError(error: unknown, field?: string): FieldError {
  if (!(error instanceof AccountsError) || error.status === 404) throw error;
  const name = field ?? FIELD_OF_CODE[error.code];
  return name ? { field: name, href: `#${name}`, text: error.message } : { field: '', text: error.message };
}
