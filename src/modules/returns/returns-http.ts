// What the data-return pages share: who may use them, the signed-in person as the service's actor, and
// loading the schedule and period a URL names (refusing a data submitter another organisation's return).
import type { FastifyRequest } from 'fastify';
import { roles, type SignedIn } from '../accounts/index.ts';
import type { ReportingPeriod } from '../../lib/dates/reporting-periods.ts';
import type { Schedule } from './return-layout.ts';
import { forbidden, notFound, ReturnsError } from './returns-errors.ts';
import type { ReturnsActor, ReturnsService } from './returns-service.ts';

/** The data-return pages: data submitters (their own organisation's returns), analysts and administrators. */
export const RETURNS_ACCESS = { access: roles('partnership-admin', 'analyst', 'data-submitter') };

/** Only reviewers approve or send back a return. */
export const REVIEW_ACCESS = { access: roles('partnership-admin', 'analyst') };

export interface ReturnParams {
  partnership: string;
  schedule: string;
  period: string;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PERIOD_CODE = /^\d{4}(-(Q[1-4]|\d{2}))?$/;

/** Analysts and partnership administrators review returns and may act for any organisation. */
export function isReviewer(auth: SignedIn): boolean {
  return auth.role === 'analyst' || auth.role === 'partnership-admin';
}

/** The signed-in person as the returns service records them. */
export function returnsActor(request: FastifyRequest): ReturnsActor {
  const auth = request.auth!;
  return { label: auth.email, personId: auth.personId, organisationId: auth.organisationId, reviewer: isReviewer(auth) };
}

/** The address of the returns pages of a partnership, or of one return (and a page under it). */
export function returnsHome(partnershipSlug: string): string {
  return `/partnerships/${encodeURIComponent(partnershipSlug)}/returns`;
}

export function returnPath(partnershipSlug: string, scheduleSlug: string, periodCode: string, page = ''): string {
  return `${returnsHome(partnershipSlug)}/${encodeURIComponent(scheduleSlug)}/${encodeURIComponent(periodCode)}${page ? `/${page}` : ''}`;
}

export interface LoadedReturn {
  auth: SignedIn;
  partnershipId: string;
  schedule: Schedule;
  period: ReportingPeriod;
  reviewer: boolean;
  /** The return's own address. */
  href: string;
}

/**
 * The schedule and period a return's URL names, in the signed-in person's partnership (the security
 * layer has already matched the URL's partnership). 404 for a schedule or period that does not exist;
 * 403 for a data submitter whose organisation does not supply this return.
 */
export async function loadReturn(returns: ReturnsService, request: FastifyRequest<{ Params: ReturnParams }>): Promise<LoadedReturn> {
  const auth = request.auth!;
  const { schedule: slug, period: code } = request.params;
  if (!SLUG.test(slug) || !PERIOD_CODE.test(code)) throw notFound('Data return');
  const schedule = await returns.schedule(auth.partnershipId, slug);
  const reviewer = isReviewer(auth);
  if (!reviewer && auth.organisationId !== schedule.organisationId) {
    throw forbidden(`This return is supplied by ${schedule.organisationName}. You can only see and submit your own organisation's returns.`);
  }
  let period: ReportingPeriod;
  try {
    period = returns.period(schedule, code);
  } catch (error) {
    if (error instanceof ReturnsError && error.code === 'invalid') throw notFound('Data return');
    throw error;
  }
  return { auth, partnershipId: auth.partnershipId, schedule, period, reviewer, href: returnPath(auth.partnershipSlug, schedule.slug, period.code) };
}

/** One string from a form field; anything else (missing, repeated, a file) counts as blank. */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
