import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { parseReturnFile, type ReturnProblem } from '../../returns-parsing/index.ts';
import { identifierHeadingKind, identifierHeadingMessage } from '../../casework/identifier-detection.ts';
import { createPseudonymiser, shortPseudonym } from '../../casework/pseudonym.ts';
import { checkRecordFile } from '../../casework/record-checks.ts';
import { isCaseworkKind, type CaseworkKind } from '../../casework/record-kind-types.ts';
import { personHeading, recordLayout } from '../../casework/record-layouts.ts';
import { toRecordRows } from '../../casework/record-rows.ts';
import { DEFAULT_BOUNDARY, type BoundaryConvention } from '../../casework/rule-types.ts';
import type { AuditService } from '../audit/index.ts';
import { CaseworkError, CaseworkRowsRefused } from './casework-errors.ts';
import { indicatorById, type IndicatorDeclaration } from '../../casework/indicators.ts';
import { indicatorBreakdowns, indicatorFigures, indicatorHeadlines, indicatorSeries, linkedMeasures, partnershipFigures, type IndicatorFigure, type IndicatorHeadline, type LinkedMeasure } from './casework-indicator-values.ts';
import { indicatorDisclosure, type IndicatorDisclosure } from './casework-indicator-disclosure.ts';
import { reasonText } from '../../lib/disclosure/index.ts';
import { INDICATOR_SUPPRESSION_THRESHOLD } from './casework-indicator-figures.ts';
import { recomputeCaseworkIndicators, type RecomputeSummary } from './casework-recompute.ts';
import { runCaseworkRecompute } from './casework-parallel-recompute.ts';
import { queryWorklist, type WorklistQuery, type WorklistResult } from './casework-worklist.ts';
import { findCases, type FoundCase } from './casework-case-lookup.ts';
import { writeRecords } from './casework-writer.ts';

/** Who is importing or reading: a signed-in person, or the command line. */
export interface CaseworkActor {
  personId: string | null;
  /** As the audit trail shows it: an email address or "command line". */
  label: string;
  ip?: string | null;
}

export type CaseworkImportResult =
  | { ok: true; importId: string; kind: CaseworkKind; rows: number; inserted: number; replaced: number; months: string[]; recompute: RecomputeSummary }
  | { ok: false; problems: ReturnProblem[] };

export interface CaseworkServiceOptions {
  /** HMAC key (config CASEWORK_PSEUDONYM_KEY); imports are refused without one. */
  pseudonymKey?: string;
  today: () => string;
  /** Whether a case closed exactly on the limit is in time (default inclusive, see rule-types.ts). */
  boundary?: BoundaryConvention;
  /** Told after an import or refresh may have changed linked measures' series (the measure pages' cache listens). */
  onSeriesChanged?: () => void;
  /** The partnership's disclosure policy threshold (src/modules/disclosure/); the default of 5 without one. */
  disclosureThreshold?: (partnershipId: string) => Promise<number>;
}

/**
 * Casework records (issue 6): pseudonymised import, incremental refresh of the indicators and linked
 * measures, and worklists of open cases against the statutory timescales (SEND Regulations 2014 regs 5, 8,
 * 10, 13, 18, 20-22; CFA 2014 s44; NICE QS51). Case-level reads are for the analyst role and are audited.
 */
export class CaseworkService {
  readonly #pseudonymise: ReturnType<typeof createPseudonymiser> | undefined;
  readonly #boundary: BoundaryConvention;
  readonly #disclosures = new Map<string, IndicatorDisclosure>();

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly options: CaseworkServiceOptions,
  ) {
    this.#pseudonymise = options.pseudonymKey ? createPseudonymiser(options.pseudonymKey) : undefined;
    this.#boundary = options.boundary ?? DEFAULT_BOUNDARY;
  }

  /**
   * Imports one file (CSV or XLSX, docs/casework-import.md) of one record kind, all or nothing: parse, refuse
   * identifier columns and identifier values, HMAC the person and record identifiers, write in one transaction and
   * recompute the months the file touches in the same transaction. Problems come back with row and column;
   * nothing is written then. `personColumn` maps another heading (e.g. 'NHS number') to the person identifier.
   */
  async import(partnershipId: string, kind: string, bytes: Buffer, fileName: string, actor: CaseworkActor, options: { personColumn?: string } = {}): Promise<CaseworkImportResult> {
    if (!isCaseworkKind(kind)) throw new CaseworkError('unknown-kind', `There is no record kind "${kind}"`, 400);
    const pseudonymise = this.#pseudonymise;
    if (!pseudonymise) throw new CaseworkError('pseudonym-key-missing', 'Casework cannot be imported: set CASEWORK_PSEUDONYM_KEY (32 characters or more)', 503);
    const layout = recordLayout(kind, options);
    // Every problem in one pass: cell problems and the row checks of every row whose cells converted (issue 12 item 8).
    const parsed = checkRecordFile(kind, await parseReturnFile(layout, bytes, fileName), personHeading(options.personColumn));
    if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => explainIdentifierHeading(p, layout.columns.map((c) => c.heading))) };
    try {
      const result = await this.database.bulkTransaction(async (tx) => {
        const created = await tx.db.insertInto('casework_imports')
          .values({ partnership_id: partnershipId, kind, actor: actor.label, actor_person_id: actor.personId, file_sha256: createHash('sha256').update(bytes).digest('hex') })
          .returning('id').executeTakeFirstOrThrow();
        const records = toRecordRows(kind, parsed.rows, { partnershipId, importId: created.id, pseudonymise });
        const written = await writeRecords(tx, partnershipId, kind, records);
        await tx.db.updateTable('casework_imports')
          .set({ row_count: records.rows.length, inserted_count: written.inserted, replaced_count: written.replaced, months_touched: `{${written.months.join(',')}}` })
          .where('partnership_id', '=', partnershipId).where('id', '=', created.id).execute();
        const recompute = await recomputeCaseworkIndicators(tx.db, { partnershipId, months: written.months, kinds: [kind], asOf: this.options.today(), boundary: this.#boundary });
        return { importId: created.id, rows: records.rows.length, ...written, recompute };
      });
      await this.audit.record({
        partnershipId, actorPersonId: actor.personId, actor: actor.label, ip: actor.ip ?? null, action: 'casework.imported', recordType: 'casework-import', recordId: result.importId,
        details: { kind, rows: result.rows, inserted: result.inserted, replaced: result.replaced, months: result.months.length },
      });
      this.options.onSeriesChanged?.();
      return { ok: true, kind, ...result };
    } catch (error) {
      if (error instanceof CaseworkRowsRefused) return { ok: false, problems: error.problems };
      throw error;
    }
  }

  /** Recomputes a partnership's indicators and linked measures: the given months (any day in them), or all periods. */
  async refresh(partnershipId: string, options: { months?: readonly string[] } = {}): Promise<RecomputeSummary> {
    const summary = await runCaseworkRecompute(this.database, { partnershipId, asOf: this.options.today(), boundary: this.#boundary, ...(options.months ? { months: options.months } : {}) });
    this.options.onSeriesChanged?.();
    return summary;
  }

  /** Recomputes every partnership's indicators (the command line's `casework refresh` without --partnership). */
  async refreshAll(): Promise<RecomputeSummary> {
    const summary = await runCaseworkRecompute(this.database, { asOf: this.options.today(), boundary: this.#boundary });
    this.options.onSeriesChanged?.();
    return summary;
  }

  /**
   * Open cases due to breach within `withinDays` (default 14) or already overdue, per rule, computed in SQL.
   * Case-level: callers must allow only the analyst role; every call is written to the audit trail.
   */
  async worklist(partnershipId: string, query: WorklistQuery, actor: CaseworkActor): Promise<WorklistResult> {
    const result = await queryWorklist(this.database.db, partnershipId, query, this.#boundary);
    await this.audit.record({
      partnershipId, actorPersonId: actor.personId, actor: actor.label, ip: actor.ip ?? null, action: 'casework.worklist-viewed', recordType: 'casework-worklist',
      details: { rule: query.rule ?? null, area: query.area ?? null, status: query.status, withinDays: query.withinDays ?? 14, today: query.today, rows: result.rows.length, total: result.total },
    });
    return result;
  }

  /**
   * The smallest count the casework indicator figures show to anyone: the one place it is chosen for casework
   * (the partnership's disclosure policy, src/modules/disclosure/; the default of 5 without one).
   */
  async disclosureThreshold(partnershipId: string): Promise<number> {
    return (await this.options.disclosureThreshold?.(partnershipId)) ?? INDICATOR_SUPPRESSION_THRESHOLD;
  }

  /**
   * Every indicator's latest month and latest 12 months for the whole area: aggregate figures only, each with the
   * disclosure control of all the indicator's figures, so the list hides what the indicator page and CSV hide.
   */
  async indicatorHeadlines(partnershipId: string): Promise<(IndicatorHeadline & { disclosure: IndicatorDisclosure })[]> {
    const [headlines, figures, threshold] = await Promise.all([
      indicatorHeadlines(this.database.db, partnershipId), partnershipFigures(this.database.db, partnershipId), this.disclosureThreshold(partnershipId),
    ]);
    return headlines.map((h) => ({ ...h, disclosure: this.#disclosure(h.indicator, figures.get(h.indicator.id) ?? [], threshold) }));
  }

  /**
   * One indicator: its whole-area series (every stored grain, newest first), its breakdowns over the 12 months to
   * its latest month, the plan measures computed from it and the disclosure control of all its figures; undefined
   * when there is no such indicator.
   */
  async indicatorDetail(partnershipId: string, indicatorId: string): Promise<{ indicator: IndicatorDeclaration; series: IndicatorFigure[]; breakdowns: IndicatorFigure[]; measures: LinkedMeasure[]; disclosure: IndicatorDisclosure } | undefined> {
    const found = await this.indicatorFigures(partnershipId, indicatorId);
    if (!found) return undefined;
    const { indicator, disclosure } = found;
    const series = await indicatorSeries(this.database.db, partnershipId, indicator.id);
    const latestMonth = series.find((f) => f.grain === 'month')?.periodStart;
    const breakdowns = latestMonth ? await indicatorBreakdowns(this.database.db, partnershipId, indicator, latestMonth) : [];
    return { indicator, series, breakdowns, measures: await linkedMeasures(this.database.db, partnershipId, indicator.id), disclosure };
  }

  /**
   * Why the indicator's disclosure control hides a figure that a plan measure computed from it shows (its series at
   * the measure's grain, its latest period by area), as text; null when it may be shown. The measure pages hide
   * these as well as their own choices, so no page shows what another hides (issue 12, defect 1).
   */
  async linkedFigureReasons(partnershipId: string, indicatorId: string): Promise<((grain: string, periodStart: string, breakdown: string, breakdownValue: string) => string | null) | undefined> {
    const found = await this.indicatorFigures(partnershipId, indicatorId);
    if (!found) return undefined;
    const { disclosure } = found;
    return (grain, periodStart, breakdown, breakdownValue) => {
      if (grain !== 'month' && grain !== 'quarter' && grain !== 'year') return null;
      const reason = disclosure.reason({ grain, periodStart, breakdown, breakdownValue });
      return reason && reasonText(reason, disclosure.threshold);
    };
  }

  /** Every stored figure of an indicator with their disclosure control, for its CSV download; undefined when there is no such indicator. */
  async indicatorFigures(partnershipId: string, indicatorId: string): Promise<{ indicator: IndicatorDeclaration; figures: IndicatorFigure[]; disclosure: IndicatorDisclosure } | undefined> {
    const indicator = indicatorById(indicatorId);
    if (!indicator) return undefined;
    const figures = await indicatorFigures(this.database.db, partnershipId, indicator.id);
    return { indicator, figures, disclosure: this.#disclosure(indicator, figures, await this.disclosureThreshold(partnershipId)) };
  }

  /**
   * The protection of an indicator's figures, kept for the same figures and threshold: secondary suppression takes
   * about 0.6 s for 36 months of an indicator with three breakdowns, and the indicators page protects every indicator.
   */
  #disclosure(indicator: IndicatorDeclaration, figures: readonly IndicatorFigure[], threshold: number): IndicatorDisclosure {
    const key = createHash('sha256').update(JSON.stringify([indicator.id, threshold, figures.map((f) => [f.grain, f.periodStart, f.breakdown, f.breakdownValue, f.numerator, f.denominator]).sort()])).digest('base64');
    let disclosure = this.#disclosures.get(key);
    if (!disclosure) {
      disclosure = indicatorDisclosure(indicator, figures, threshold);
      if (this.#disclosures.size >= 200) this.#disclosures.delete(this.#disclosures.keys().next().value!);
      this.#disclosures.set(key, disclosure);
    }
    return disclosure;
  }

  /**
   * "Find a case" (issue 12 item 14): the records whose case reference (the Record ID of the import, from the
   * partner's own casework system) is `reference`, found by hashing it with the import's key, with each rule's status
   * on `today`. Case-level: callers must allow only the analyst role. The reference is neither stored nor logged;
   * the audit event says who looked, what was found (kinds and short pseudonyms), never the reference or its hash.
   */
  async findCase(partnershipId: string, reference: string, today: string, actor: CaseworkActor): Promise<FoundCase[]> {
    if (!this.#pseudonymise) throw new CaseworkError('pseudonym-key-missing', 'Cases cannot be found: set CASEWORK_PSEUDONYM_KEY (32 characters or more)', 503);
    const cases = await findCases(this.database.db, partnershipId, this.#pseudonymise(partnershipId, 'record', reference), { today, boundary: this.#boundary });
    await this.audit.record({
      partnershipId, actorPersonId: actor.personId, actor: actor.label, ip: actor.ip ?? null, action: 'casework.case-looked-up', recordType: 'casework-case',
      details: { matches: cases.length, kinds: cases.map((c) => c.kind), people: cases.map((c) => c.person), today },
    });
    return cases;
  }

  /** The shortened pseudonym of a person identifier, so an analyst can find a person from their own records on a worklist. */
  shortPseudonymOf(partnershipId: string, personIdentifier: string): string {
    if (!this.#pseudonymise) throw new CaseworkError('pseudonym-key-missing', 'Set CASEWORK_PSEUDONYM_KEY (32 characters or more)', 503);
    return shortPseudonym(this.#pseudonymise(partnershipId, 'person', personIdentifier));
  }

  /** The id of a partnership by its slug, or undefined. */
  async partnershipId(slug: string): Promise<string | undefined> {
    return (await this.database.db.selectFrom('partnerships').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
  }

  /** A partnership's latest imports, newest first: kind, who, when and the counts (no file names: they may name a child). */
  async recentImports(partnershipId: string, limit = 10): Promise<{ kind: string; importedAt: Date; actor: string; rows: number; inserted: number; replaced: number; months: number }[]> {
    const rows = await this.database.db.selectFrom('casework_imports')
      .select(['kind', 'imported_at', 'actor', 'row_count', 'inserted_count', 'replaced_count', sql<number>`cardinality(months_touched)`.as('months')])
      .where('partnership_id', '=', partnershipId).orderBy('imported_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ kind: r.kind, importedAt: new Date(r.imported_at), actor: r.actor, rows: r.row_count, inserted: r.inserted_count, replaced: r.replaced_count, months: Number(r.months) }));
  }
}

/** A column not in the layout that looks like a name, address, date of birth, UPN or NHS number gets a specific refusal. */
function explainIdentifierHeading(problem: ReturnProblem, headings: readonly string[]): ReturnProblem {
  const known = (heading: string) => headings.some((h) => h.trim().toLowerCase() === heading.trim().toLowerCase());
  if (problem.row !== 1 || !problem.column || known(problem.column)) return problem;
  const kind = identifierHeadingKind(problem.column);
  return kind ? { ...problem, message: identifierHeadingMessage(problem.column, kind) } : problem;
}
