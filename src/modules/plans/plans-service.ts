import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { actionRag } from './action-rag.ts';
import type { LabelledTextOptions } from './labelled-text-parser.ts';
import type { PlanDocument } from './plan-document.ts';
import { PlanFileError } from './plan-file-error.ts';
import { parsePlanFile, type PlanFileFormat } from './plan-file-parser.ts';
import { normalisePlan } from './plan-normaliser.ts';
import { ForbiddenError, NotFoundError, PlanExistsError } from './plans-errors.ts';
import type { AuditService } from '../audit/index.ts';
import { buildPlanTree, type PlanTree } from './plan-tree.ts';
import type { PlansRepository } from './plans-repository.ts';
import type { ProgressUpdateInput } from './plans-forms.ts';
import { EXAMPLE_PLANS } from './examples.ts';

export interface PartnershipRef {
  slug: string;
  name: string;
}

export interface ImportResult {
  partnership: string;
  id: string;
  title: string;
  priorities: number;
  outcomes: number;
  measures: number;
  actions: number;
  warnings: { location: string; message: string }[];
}

/** Who is making a change, as the plans module needs to know it. */
export interface Actor {
  personId: string | null;
  label: string;
  /** The person's name, shown as who reported a progress update (else `label`). */
  displayName?: string;
  partnershipSlug: string;
  organisationId: string | null;
  role: string;
  ip?: string | null;
}

export interface ImportOptions extends LabelledTextOptions {
  partnership?: PartnershipRef;
  replace?: boolean;
}

function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export class PlansService {
  constructor(
    private readonly repository: PlansRepository,
    private readonly today: () => string,
    private readonly audit: AuditService,
  ) {}

  /** Reads, validates and writes a plan file in one transaction: all of it, or nothing. */
  async importPlanFile(bytes: Uint8Array | string, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
    const parsed = parsePlanFile(bytes, fileName, options);
    return this.importDocument(parsed.document, parsed.format, options);
  }

  async importDocument(document: PlanDocument, format: PlanFileFormat, options: ImportOptions = {}): Promise<ImportResult> {
    const plan = normalisePlan(document);
    const partnership = options.partnership ?? partnershipFromArea(document);
    await this.repository.transaction(async (writer) => {
      const partnershipId = await writer.ensurePartnership(partnership.slug, partnership.name);
      if (await writer.planExists(partnershipId, document.id)) {
        if (!options.replace) throw new PlanExistsError(document.id, partnership.slug);
        await writer.deletePlan(partnershipId, document.id);
      }
      await writer.insertPlan(partnershipId, plan, format);
    });
    const outcomes = document.priorities.flatMap((p) => p.outcomes);
    return {
      partnership: partnership.slug,
      id: document.id,
      title: document.title,
      priorities: document.priorities.length,
      outcomes: outcomes.length,
      measures: outcomes.reduce((n, o) => n + o.measures.length, 0),
      actions: plan.actions.length,
      warnings: plan.warnings,
    };
  }

  /** Loads the example plans shipped in examples/ (the two seed documents) that are not loaded yet. */
  async importExamples(): Promise<ImportResult[]> {
    const results: ImportResult[] = [];
    for (const example of EXAMPLE_PLANS) {
      const existing = await this.repository.findPartnership(example.partnership.slug);
      if (existing && (await this.repository.findPlan(existing.id, example.id))) continue;
      const bytes = readFileSync(new URL(`../../../${example.file}`, import.meta.url));
      results.push(await this.importPlanFile(bytes, basename(example.file), { ...example.options, id: example.id, partnership: example.partnership }));
    }
    return results;
  }

  listPublishedPlans() {
    return this.repository.listPublishedPlans();
  }

  async listPlans(partnershipSlug?: string) {
    const rows = await this.repository.listPlans(partnershipSlug);
    return rows.map((r) => ({ id: r.slug, uuid: r.id, title: r.title, area: r.area, published: r.published, partnership: { slug: r.partnership_slug, name: r.partnership_name } }));
  }

  /** The plan as a tree (the export contract); `planRef` is the plan's id (slug) or uuid. */
  async planTree(planRef: string, partnershipSlug?: string): Promise<PlanTree> {
    const matches = (await this.repository.listPlans(partnershipSlug)).filter((p) => p.slug === planRef || p.id === planRef);
    if (matches.length === 0) throw new NotFoundError(`Plan "${planRef}"`);
    if (matches.length > 1) {
      throw new PlanFileError([{ location: planRef, message: `more than one partnership has this plan id (${matches.map((m) => m.partnership_slug).join(', ')}): name one with --partnership` }]);
    }
    const plan = matches[0]!;
    return this.treeOf({ id: plan.partnership_id, slug: plan.partnership_slug, name: plan.partnership_name }, plan.slug);
  }

  async publishedPlanTree(partnershipSlug: string, planSlug: string): Promise<PlanTree> {
    const { partnership } = await this.findPublished(partnershipSlug, planSlug);
    return this.treeOf(partnership, planSlug);
  }

  private async treeOf(partnership: { id: string; slug: string; name: string }, planSlug: string): Promise<PlanTree> {
    const plan = await this.repository.findPlan(partnership.id, planSlug);
    if (!plan) throw new NotFoundError('Plan');
    const contents = await this.repository.planContents(partnership.id, plan.id);
    return buildPlanTree({ slug: partnership.slug, name: partnership.name }, plan, contents, this.today());
  }

  /** A published plan's identity, for other modules' pages (measures, dashboard). */
  async publishedPlan(partnershipSlug: string, planSlug: string) {
    const { partnership, plan } = await this.findPublished(partnershipSlug, planSlug);
    return { partnershipId: partnership.id, partnershipSlug: partnership.slug, partnershipName: partnership.name, planId: plan.id, planSlug: plan.slug, title: plan.title };
  }

  private async findPublished(partnershipSlug: string, planSlug: string) {
    const partnership = await this.repository.findPartnership(partnershipSlug);
    const plan = partnership && (await this.repository.findPlan(partnership.id, planSlug));
    if (!partnership || !plan || !plan.published) throw new NotFoundError('Plan');
    return { partnership, plan };
  }

  async actionDetail(partnershipSlug: string, planSlug: string, ref: string) {
    const { partnership, plan } = await this.findPublished(partnershipSlug, planSlug);
    const found = await this.repository.findAction(partnership.id, plan.id, ref.toUpperCase());
    if (!found) throw new NotFoundError(`Action ${ref}`);
    const milestones = found.milestones.map((m) => ({ title: m.title, dueOn: m.due_on, completedOn: m.completed_on }));
    return {
      partnership: { slug: partnership.slug, name: partnership.name },
      plan: { id: plan.slug, title: plan.title },
      action: {
        ref: found.action.ref,
        title: found.action.title,
        owner: found.action.owner,
        dueOn: found.action.due_on,
        status: found.action.status,
        ownerOrganisationId: found.action.owner_organisation_id,
        ...actionRag({ status: found.action.status, dueOn: found.action.due_on }, milestones, this.today()),
      },
      milestones,
      updates: found.updates.map((u) => ({ reportedOn: u.reported_on, whatWeDid: u.what_we_did, author: u.author, onBehalfOf: u.on_behalf_of, statusAfter: u.status_after })),
      outcomes: found.outcomes.map((o) => ({ id: o.id, statement: o.statement, priorityTitle: o.priority_title })),
    };
  }

  /**
   * Whether the actor may report progress on an action: plan editors and administrators of the
   * plan's partnership on any action; a data submitter only on actions their organisation owns.
   */
  canUpdate(actor: Actor | null, partnershipSlug: string, ownerOrganisationId: string | null): boolean {
    if (!actor || actor.partnershipSlug !== partnershipSlug) return false;
    if (actor.role === 'partnership-admin' || actor.role === 'plan-editor') return true;
    return actor.role === 'data-submitter' && ownerOrganisationId !== null && ownerOrganisationId === actor.organisationId;
  }

  async addProgressUpdate(actor: Actor, partnershipSlug: string, planSlug: string, ref: string, update: ProgressUpdateInput): Promise<void> {
    const { partnership, plan } = await this.findPublished(partnershipSlug, planSlug);
    const found = await this.repository.findAction(partnership.id, plan.id, ref.toUpperCase());
    if (!found) throw new NotFoundError(`Action ${ref}`);
    if (!this.canUpdate(actor, partnershipSlug, found.action.owner_organisation_id)) {
      throw new ForbiddenError('You cannot report progress on this action: it belongs to another organisation');
    }
    // reported by the signed-in person: their name as it is today is kept with the update
    await this.repository.addProgressUpdate(partnership.id, found.action.id, { ...update, author: actor.displayName || actor.label, reportedByPersonId: actor.personId });
    await this.audit.record({ partnershipId: partnership.id, actorPersonId: actor.personId, actor: actor.label, action: 'progress-update.created', recordType: 'action', recordId: found.action.id, ip: actor.ip ?? null, details: { plan: plan.slug, ref: found.action.ref, statusAfter: update.statusAfter } });
  }
}

function partnershipFromArea(document: PlanDocument): PartnershipRef {
  if (!document.area) {
    throw new PlanFileError([{ location: 'area', message: 'the plan names no area, so say which partnership it belongs to (--partnership <slug>)' }]);
  }
  return { slug: slugify(document.area), name: `${document.area} local area SEND partnership` };
}
