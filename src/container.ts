import type { Database } from './db/database.ts';
import { AccountsRepository, AccountsService, OneTimeLinks, SessionsService, SignInThrottle, SsoRepository, SsoService } from './modules/accounts/index.ts';
import { AuditService } from './modules/audit/index.ts';
import { CaseworkService } from './modules/casework/index.ts';
import { DisclosurePolicyRepository, DisclosurePolicyService } from './modules/disclosure/index.ts';
import { HealthService } from './modules/health/index.ts';
import { MeasuresRepository, MeasuresService } from './modules/measures/index.ts';
import { PlansRepository, PlansService } from './modules/plans/index.ts';
import { ApiTokens, ReturnsRepository, ReturnsService } from './modules/returns/index.ts';

export interface Clock {
  /** Today's date in the UK, as YYYY-MM-DD. */
  today(): string;
  /** The current instant (sessions, links, back-off). */
  now(): Date;
}

export const systemClock: Clock = {
  today: () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
  now: () => new Date(),
};

export interface Container {
  plans: PlansService;
  measures: MeasuresService;
  returns: ReturnsService;
  apiTokens: ApiTokens;
  accounts: AccountsService;
  sso: SsoService;
  audit: AuditService;
  health: HealthService;
  casework: CaseworkService;
  /** The partnership's disclosure policy: `disclosure.threshold(partnershipId)` is the threshold for every non-analyst page. */
  disclosure: DisclosurePolicyService;
  clock: Clock;
  secret: string;
}

export interface ContainerOptions {
  clock?: Clock;
  /** Key for CSRF tokens and the sign-in back-off table (config: SESSION_SECRET). */
  secret: string;
  /** Seconds added to this machine's clock when checking single sign-on tokens (default 0). */
  ssoClockSkewSeconds?: number;
  /** HMAC key for casework pseudonyms (config CASEWORK_PSEUDONYM_KEY); casework imports are refused without one. */
  pseudonymKey?: string;
}

/** The one place services are constructed: repositories, then the services that use them. */
export function buildContainer(database: Database, options: ContainerOptions): Container {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const audit = new AuditService(database.db);
  const sessions = new SessionsService(database.db, now);
  const accounts = new AccountsService(
    new AccountsRepository(database.db),
    sessions,
    new SignInThrottle(database.db, options.secret, now),
    new OneTimeLinks(database.db, now),
    audit,
    now,
  );
  // a policy change drops the measure pages' cached evaluations (computed with the old threshold)
  const disclosure = new DisclosurePolicyService(new DisclosurePolicyRepository(database.db), audit, () => measures.seriesChanged());
  const measures = new MeasuresService(new MeasuresRepository(database.db), () => clock.today(), audit, (partnershipId) => disclosure.threshold(partnershipId), (partnershipId, indicatorId) => casework.linkedFigureReasons(partnershipId, indicatorId));
  const casework = new CaseworkService(database, audit, { today: () => clock.today(), onSeriesChanged: () => measures.seriesChanged(), disclosureThreshold: (id) => disclosure.threshold(id), ...(options.pseudonymKey ? { pseudonymKey: options.pseudonymKey } : {}) });
  return {
    plans: new PlansService(new PlansRepository(database.db), () => clock.today(), audit),
    measures,
    returns: new ReturnsService(new ReturnsRepository(database.db), audit, () => clock.today(), now, () => measures.seriesChanged()),
    apiTokens: new ApiTokens(database.db, audit, now),
    accounts,
    sso: new SsoService(new SsoRepository(database.db), new AccountsRepository(database.db), accounts, audit, { clockSkewSeconds: options.ssoClockSkewSeconds ?? 0 }, now),
    audit,
    health: new HealthService(database.db, database.kind),
    casework,
    disclosure,
    clock,
    secret: options.secret,
  };
}
