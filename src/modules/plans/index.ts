export { PlansService, type Actor, type ImportResult, type ImportOptions, type PartnershipRef } from './plans-service.ts';
export { PlansRepository } from './plans-repository.ts';
export { PlanFileError, type PlanProblem } from './plan-file-error.ts';
export { ForbiddenError, NotFoundError, PlanExistsError } from './plans-errors.ts';
export { registerPlanRoutes } from './plans-routes.ts';
export type { PlanTree } from './plan-tree.ts';
export { actionsSummary, type ActionsFilterQuery } from './actions-summary.ts';
export { dashboardUrl } from './plans-view-models.ts';
