export { AuditService, type AuditEvent, type AuditSearch } from './audit-service.ts';
