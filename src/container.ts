import type { Database } from './db/database.ts';
import { HealthService } from './modules/health/index.ts';
import { PlansRepository, PlansService } from './modules/plans/index.ts';

export interface Clock {
  /** Today's date in the UK, as YYYY-MM-DD. */
  today(): string;
}

export const systemClock: Clock = {
  today: () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
};

export interface Container {
  plans: PlansService;
  health: HealthService;
  clock: Clock;
}

/** The one place services are constructed: repositories, then the services that use them. */
export function buildContainer(database: Database, clock: Clock = systemClock): Container {
  const plansRepository = new PlansRepository(database.db);
  return {
    plans: new PlansService(plansRepository, () => clock.today()),
    health: new HealthService(database.db, database.kind),
    clock,
  };
}
