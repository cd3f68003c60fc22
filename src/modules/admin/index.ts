export { registerAdminRoutes } from './admin-routes.ts';
export { validateAuditFilters, validateInvite, validateOrganisation, validateRole, validateAcceptance, type FieldError, type AuditFilters } from './admin-forms.ts';
export { csvCell, auditCsv } from './admin-audit-view.ts';
export { ukDateTime } from './admin-view-models.ts';
export { registerApiTokenRoutes } from './api-token-routes.ts';
