export { HealthService, type HealthReport } from './health-service.ts';
export { registerHealthRoutes } from './health-routes.ts';
