export { AccountsService, AccountsError, type SignInResult } from './accounts-service.ts';
export { AccountsRepository } from './accounts-repository.ts';
export { AccountsAdministration, type AdminActor, type AcceptResult, type PersonStatus } from './accounts-administration.ts';
export { SessionsService, IDLE_TIMEOUT_MS, ABSOLUTE_TIMEOUT_MS, type SignedIn } from './sessions-service.ts';
export { SignInThrottle, lockMinutes, FREE_ATTEMPTS } from './sign-in-throttle.ts';
export { OneTimeLinks } from './one-time-links.ts';
export { registerAccountRoutes } from './accounts-routes.ts';
export { passwordProblem, MIN_PASSWORD_LENGTH } from './passwords.ts';
export { ROLES, ROLE_LABELS, ORGANISATION_KINDS, ORGANISATION_KIND_LABELS, PUBLIC, SIGNED_IN, roles, isRole, type Access, type Role, type OrganisationKind } from './roles.ts';
