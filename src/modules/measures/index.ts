export { MeasuresService, type MeasureView, type SeedDefinitionEntry } from './measures-service.ts';
export { MeasuresRepository } from './measures-repository.ts';
export { registerMeasureRoutes } from './measures-routes.ts';
