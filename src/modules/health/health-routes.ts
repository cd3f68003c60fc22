import type { FastifyInstance } from 'fastify';
import { PUBLIC } from '../accounts/index.ts';
import type { HealthService } from './health-service.ts';

export function registerHealthRoutes(app: FastifyInstance, health: HealthService): void {
  app.get('/health', { config: { access: PUBLIC } }, async (_request, reply) => {
    const report = await health.check();
    return reply.code(report.status === 'ok' ? 200 : 503).header('cache-control', 'no-store').send(report);
  });
}
