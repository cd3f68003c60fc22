import { addDays, parsePeriod, periodContaining, periodsFrom, type ReportingPeriod } from '../../lib/dates/reporting-periods.ts';
import { parseReturnFile } from '../../returns-parsing/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { ExampleSchedule } from './example-schedules.ts';
import { checkRows } from './return-checks.ts';
import { checkReturnFile } from './return-file-rows.ts';
import { canonicalBreakdown, layoutFor, type ReturnRow, type Schedule } from './return-layout.ts';
import { blankUnknownRow } from './return-totals.ts';
import { conflict, forbidden, notFound, ReturnProblemsError, ReturnsError } from './returns-errors.ts';
import type { NewRevision, NewSchedule, ReturnsRepository } from './returns-repository.ts';

export type ReturnStatus = 'not-started' | 'draft' | 'submitted' | 'approved' | 'returned';
export type Channel = NewRevision['channel'];

/** Who is acting: a signed-in person (with their organisation and role), an API token, or the command line. */
export interface ReturnsActor {
  label: string;
  personId: string | null;
  /** The organisation the actor submits for; null for the command line (trusted operator). */
  organisationId: string | null;
  /** Analysts and partnership administrators review returns and may act for any organisation. */
  reviewer: boolean;
}

export interface Obligation {
  schedule: Schedule;
  period: ReportingPeriod;
  dueOn: string;
  status: ReturnStatus;
  overdue: boolean;
  revision: number;
  returnId: string | null;
  /** Why an analyst sent it back (status 'returned'); null otherwise. */
  returnedReason: string | null;
}

export interface ReturnDetail extends Obligation {
  note: string;
  rows: ReturnRow[];
  history: { revision: number; action: string; channel: string; actor: string; at: Date; note: string; reason: string | null; fileName: string | null }[];
}

export interface DiffRow {
  breakdownValue: string;
  field: 'numerator' | 'denominator' | 'value';
  before: number | null;
  after: number | null;
}

const EDITABLE: ReadonlySet<string> = new Set(['not-started', 'draft', 'returned', 'approved']);

/**
 * The data returns: what each organisation owes, the figures it sends (form, upload, API, command line),
 * and their review. Every save is one transaction and a new revision; approval feeds the measure's series.
 */
export class ReturnsService {
  constructor(
    private readonly repository: ReturnsRepository,
    private readonly audit: AuditService,
    private readonly today: () => string,
    private readonly now: () => Date,
    /** Told after an approval changes a measure's series (the measure pages' cache listens). */
    private readonly onSeriesChanged: () => void = () => undefined,
  ) {}

  partnership(slug: string) {
    return this.repository.partnershipBySlug(slug);
  }

  async createSchedule(partnershipId: string, input: NewSchedule, actor: ReturnsActor): Promise<string> {
    const id = await this.repository.insertSchedule(partnershipId, input);
    await this.audit.record({ partnershipId, actorPersonId: actor.personId, actor: actor.label, action: 'return-schedule.created', recordType: 'return-schedule', recordId: input.slug });
    return id;
  }

  /**
   * Adds the example schedules of a partnership that are not there yet (organisations must exist);
   * returns how many were added. Idempotent, like the rest of the examples.
   */
  async addExampleSchedules(partnershipSlug: string, entries: readonly ExampleSchedule[]): Promise<number> {
    const partnership = await this.repository.partnershipBySlug(partnershipSlug);
    if (!partnership) return 0;
    let added = 0;
    for (const e of entries) {
      if (await this.repository.findSchedule(partnership.id, e.slug)) continue;
      const measure = await this.repository.measureBySlug(partnership.id, e.measure);
      const organisation = await this.repository.organisationByName(partnership.id, e.organisation.name);
      const first = parsePeriod(e.grain, e.firstPeriod);
      if (!measure || !organisation || !first) throw new Error(`Example schedule "${e.slug}" names a measure, organisation or period that does not exist`);
      await this.repository.insertSchedule(partnership.id, { slug: e.slug, measureId: measure.id, organisationId: organisation.id, grain: e.grain, shape: e.shape, breakdown: e.breakdown, breakdownValues: e.breakdownValues, deadlineDays: e.deadlineDays, firstPeriodStart: first.start, guidance: e.guidance ?? '' });
      added += 1;
    }
    return added;
  }

  listSchedules(partnershipId: string, organisationId?: string) {
    return this.repository.listSchedules(partnershipId, organisationId);
  }

  async schedule(partnershipId: string, slug: string): Promise<Schedule> {
    const schedule = await this.repository.findSchedule(partnershipId, slug);
    if (!schedule) throw notFound(`Return schedule "${slug}"`);
    return schedule;
  }

  /** The period of a schedule named by its code (2025-Q2 ...), refused when outside the schedule. */
  period(schedule: Schedule, code: string): ReportingPeriod {
    const period = parsePeriod(schedule.grain, code);
    if (!period) throw new ReturnsError('invalid', 400, `"${code}" is not a ${schedule.grain}: write it like ${example(schedule.grain)}`);
    if (period.start < schedule.firstPeriodStart || (schedule.lastPeriodStart && period.start > schedule.lastPeriodStart)) {
      throw new ReturnsError('invalid', 400, `The schedule "${schedule.slug}" has no return for ${period.label}`);
    }
    return period;
  }

  dueOn(schedule: Schedule, period: ReportingPeriod): string {
    return addDays(period.end, schedule.deadlineDays);
  }

  /**
   * What is owed: every period of every schedule (of one organisation, or all) that has ended by today,
   * with its status; overdue when the deadline has passed and nothing has been submitted.
   */
  async obligations(partnershipId: string, organisationId?: string): Promise<Obligation[]> {
    const today = this.today();
    const schedules = await this.repository.listSchedules(partnershipId, organisationId);
    const returns = await this.repository.listReturns(partnershipId, schedules.map((s) => s.id));
    const byKey = new Map(returns.map((r) => [`${r.schedule_id}|${r.period_start}`, r]));
    const out: Obligation[] = [];
    for (const schedule of schedules) {
      const lastEnded = addDays(periodContaining(schedule.grain, today).start, -1);
      const until = schedule.lastPeriodStart && schedule.lastPeriodStart < lastEnded ? schedule.lastPeriodStart : lastEnded;
      for (const period of periodsFrom(schedule.grain, schedule.firstPeriodStart, until)) {
        const r = byKey.get(`${schedule.id}|${period.start}`);
        const status = (r?.status ?? 'not-started') as ReturnStatus;
        const dueOn = this.dueOn(schedule, period);
        const overdue = dueOn < today && (status === 'not-started' || status === 'draft' || status === 'returned');
        out.push({ schedule, period, dueOn, status, overdue, revision: r?.revision ?? 0, returnId: r?.id ?? null, returnedReason: status === 'returned' ? (r?.returned_reason ?? null) : null });
      }
    }
    return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.schedule.slug.localeCompare(b.schedule.slug));
  }

  /** One return with its current figures and its whole history. */
  async detail(partnershipId: string, schedule: Schedule, period: ReportingPeriod): Promise<ReturnDetail> {
    const r = await this.repository.findReturn(partnershipId, schedule.id, period.start);
    const dueOn = this.dueOn(schedule, period);
    const status = (r?.status ?? 'not-started') as ReturnStatus;
    const base = { schedule, period, dueOn, status, overdue: dueOn < this.today() && ['not-started', 'draft', 'returned'].includes(status), revision: r?.revision ?? 0, returnId: r?.id ?? null, returnedReason: null };
    if (!r) return { ...base, note: '', rows: [], history: [] };
    const revisions = await this.repository.listRevisions(partnershipId, r.id);
    return {
      ...base,
      note: r.note,
      returnedReason: r.returned_reason,
      rows: r.revision > 0 ? await this.repository.revisionValues(partnershipId, r.id, r.revision) : [],
      history: revisions.map((v) => ({ revision: v.revision, action: v.action, channel: v.channel, actor: v.actor, at: v.created_at, note: v.note, reason: v.reason, fileName: v.file_name })),
    };
  }

  /**
   * Reads and checks an uploaded file against the schedule without saving anything: every problem in one pass
   * (cells, period, missing rows, the Total against its rows), each with its row and column.
   */
  async checkFile(schedule: Schedule, period: ReportingPeriod, bytes: Buffer, fileName: string) {
    const layout = layoutFor(schedule);
    return checkReturnFile(schedule, period, await parseReturnFile(layout, bytes, fileName), layout.maxProblems);
  }

  /**
   * Saves figures as a new revision (a draft, or submitted for review) in one transaction; throws
   * ReturnProblemsError with every problem, having written nothing, when the figures fail a check.
   */
  async save(partnershipId: string, schedule: Schedule, period: ReportingPeriod, given: ReturnRow[], options: { actor: ReturnsActor; channel: Channel; submit: boolean; note?: string; fileName?: string }): Promise<{ returnId: string; revision: number }> {
    const { actor } = options;
    if (!actor.reviewer && actor.organisationId !== null && actor.organisationId !== schedule.organisationId) {
      throw forbidden(`This return is supplied by ${schedule.organisationName}; you can only submit returns for your own organisation`);
    }
    const canonical = given.map((r) => ({ ...r, breakdownValue: canonicalBreakdown(schedule, r.breakdownValue) }));
    const problems = checkRows(schedule, canonical);
    if (problems.length > 0) throw new ReturnProblemsError(problems);
    // An unknown row left blank (or 0) says every case's breakdown was known: nothing to store.
    const rows = canonical.filter((r) => !blankUnknownRow(schedule, r));
    const note = (options.note ?? '').trim().slice(0, 2_000);
    const result = await this.repository.transaction(async (w) => {
      const current = await w.lockReturn(partnershipId, schedule.id, period.start);
      if (!EDITABLE.has(current.status)) throw conflict('This return has been submitted and is waiting for review; it cannot be changed until it is approved or returned');
      const revision = current.revision + 1;
      const revisionId = await w.addRevision(partnershipId, current.id, revision, { action: options.submit ? 'submitted' : 'saved', channel: options.channel, actor: actor.label, actorPersonId: actor.personId, note, fileName: options.fileName ?? null });
      await w.addValues(partnershipId, revisionId, rows);
      const now = this.now();
      await w.setStatus(partnershipId, current.id, { status: options.submit ? 'submitted' : 'draft', revision, note, now, ...(options.submit ? { submittedAt: now, returnedReason: null } : {}) });
      return { returnId: current.id, revision };
    });
    await this.audit.record({ partnershipId, actorPersonId: actor.personId, actor: actor.label, action: options.submit ? 'return.submitted' : 'return.saved', recordType: 'return', recordId: result.returnId, details: { schedule: schedule.slug, period: period.code, revision: result.revision, channel: options.channel, rows: rows.length } });
    return result;
  }

  /** Reads, checks and saves a file in one go (command line and API): nothing is written when it fails. */
  async importFile(partnershipId: string, schedule: Schedule, period: ReportingPeriod, bytes: Buffer, fileName: string, options: { actor: ReturnsActor; channel: Channel; submit: boolean }) {
    const checked = await this.checkFile(schedule, period, bytes, fileName);
    if (!checked.ok) throw new ReturnProblemsError(checked.problems);
    return this.save(partnershipId, schedule, period, checked.rows, { ...options, fileName, note: checked.notes.join('\n') });
  }

  /** An analyst approves a submitted return: its figures become the next revision of the measure's series. */
  async approve(partnershipId: string, schedule: Schedule, period: ReportingPeriod, actor: ReturnsActor): Promise<number> {
    if (!actor.reviewer) throw forbidden('Only an analyst can approve a return');
    const written = await this.repository.transaction(async (w) => {
      const current = await w.lockReturn(partnershipId, schedule.id, period.start);
      if (current.status !== 'submitted') throw conflict(`Only a submitted return can be approved; this one is ${current.status.replace('-', ' ')}`);
      await w.addRevision(partnershipId, current.id, current.revision, { action: 'approved', channel: 'review', actor: actor.label, actorPersonId: actor.personId });
      await w.setStatus(partnershipId, current.id, { status: 'approved', approvedAt: this.now(), now: this.now() });
      const valuesRevision = await w.valuesRevisionId(partnershipId, current.id, current.revision);
      return w.publishToSeries(partnershipId, schedule.measureId, period, schedule.breakdown, valuesRevision, `Data return ${schedule.slug} from ${schedule.organisationName}`);
    });
    this.onSeriesChanged();
    await this.audit.record({ partnershipId, actorPersonId: actor.personId, actor: actor.label, action: 'return.approved', recordType: 'return', recordId: `${schedule.slug}/${period.code}`, details: { values: written } });
    return written;
  }

  /** An analyst sends a submitted return back to its organisation with a reason. */
  async sendBack(partnershipId: string, schedule: Schedule, period: ReportingPeriod, reason: string, actor: ReturnsActor): Promise<void> {
    if (!actor.reviewer) throw forbidden('Only an analyst can return a submission');
    const why = reason.trim();
    if (!why) throw new ReturnProblemsError([{ column: 'Reason', message: 'Enter the reason for returning it, so the organisation knows what to correct' }]);
    await this.repository.transaction(async (w) => {
      const current = await w.lockReturn(partnershipId, schedule.id, period.start);
      if (current.status !== 'submitted') throw conflict(`Only a submitted return can be returned; this one is ${current.status.replace('-', ' ')}`);
      await w.addRevision(partnershipId, current.id, current.revision, { action: 'returned', channel: 'review', actor: actor.label, actorPersonId: actor.personId, reason: why.slice(0, 2_000) });
      await w.setStatus(partnershipId, current.id, { status: 'returned', returnedReason: why.slice(0, 2_000), now: this.now() });
    });
    await this.audit.record({ partnershipId, actorPersonId: actor.personId, actor: actor.label, action: 'return.returned', recordType: 'return', recordId: `${schedule.slug}/${period.code}` });
  }

  /** What changed between two revisions of a return's figures (rows added, removed or altered). */
  async diff(partnershipId: string, returnId: string, from: number, to: number): Promise<DiffRow[]> {
    const before = new Map((await this.repository.revisionValues(partnershipId, returnId, from)).map((r) => [r.breakdownValue, r]));
    const after = new Map((await this.repository.revisionValues(partnershipId, returnId, to)).map((r) => [r.breakdownValue, r]));
    const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
    const out: DiffRow[] = [];
    for (const key of keys) {
      for (const field of ['numerator', 'denominator', 'value'] as const) {
        const b = before.get(key)?.[field] ?? null;
        const a = after.get(key)?.[field] ?? null;
        if (b !== a) out.push({ breakdownValue: key, field, before: b, after: a });
      }
    }
    return out;
  }
}

function example(grain: Schedule['grain']): string {
  return grain === 'month' ? '2025-04' : grain === 'quarter' ? '2025-Q2' : '2025';
}
