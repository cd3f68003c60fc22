/**
 * Casework records (issue 6): pseudonymised case events, statutory timescale rules, indicators and worklists.
 *
 * - {@link CaseworkService}: `import(partnershipId, kind, bytes, fileName, actor, { personColumn? })`,
 *   `refresh(partnershipId, { months? })`, `refreshAll()`, `worklist(partnershipId, query, actor)`,
 *   `shortPseudonymOf(partnershipId, identifier)`, `partnershipId(slug)`; aggregate indicator figures for every
 *   signed-in role: `indicatorHeadlines(partnershipId)`, `indicatorDetail(partnershipId, id)`, `indicatorFigures(...)`.
 * - {@link runCaseworkRecompute}: the whole recompute given only a Database (for benchmarks: full vs one month).
 * - {@link recomputeCaseworkIndicators}: the same inside a caller's transaction.
 * - Rules, indicators and record kinds are re-exported for pages, benchmarks and tests.
 */
export { CaseworkService, type CaseworkActor, type CaseworkImportResult, type CaseworkServiceOptions } from './casework-service.ts';
export { CaseworkError } from './casework-errors.ts';
export { recomputeCaseworkIndicators, type RecomputeOptions, type RecomputeSummary } from './casework-recompute.ts';
export { runCaseworkRecompute } from './casework-parallel-recompute.ts';
export type { WorklistQuery, WorklistResult, WorklistRow } from './casework-worklist.ts';
export { writeRecords, type WrittenRecords } from './casework-writer.ts';
export { registerCaseworkRoutes, CASEWORK_ACCESS, type CaseworkRoutesOptions } from './casework-routes.ts';
export { CASEWORK_INDICATOR_ACCESS } from './casework-indicator-routes.ts';
export { RULES, ruleById } from '../../casework/rules.ts';
export { INDICATORS, indicatorById } from '../../casework/indicators.ts';
export { RECORD_KINDS } from '../../casework/record-kinds.ts';
export { CASEWORK_KINDS, isCaseworkKind, type CaseworkKind } from '../../casework/record-kind-types.ts';
export type { BoundaryConvention, RuleDeclaration, RuleId, RuleStatus } from '../../casework/rule-types.ts';
