import { MEASURE_KINDS, PERIOD_GRAINS, POLARITIES, RELATIVE_TARGETS, UNITS, BREAKDOWNS, type MeasureDefinition } from '../../measures/measure-definition.ts';

export interface FieldError {
  field: string;
  href: string;
  text: string;
}

export type MeasureForm = Partial<Record<'title' | 'kind' | 'unit' | 'polarity' | 'periodGrain' | 'suppressionThreshold' | 'baselineValue' | 'baselineN' | 'baselinePeriod' | 'targetValue' | 'targetOn' | 'targetRelative', string>> & { breakdowns?: string | string[] };

export type MeasureEdit = Omit<MeasureDefinition, 'slug' | 'references' | 'nationalComparator' | 'ownerOrganisation' | 'computedFrom'>;

const PERCENT_KINDS = new Set(['proportion', 'timeliness', 'survey-positive']);

function number(form: MeasureForm, field: keyof MeasureForm, label: string, errors: FieldError[], opts: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
  const raw = String(form[field] ?? '').trim().replace(/,/g, '');
  if (raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || (opts.integer && !Number.isInteger(value))) {
    errors.push({ field, href: `#${field}`, text: `${label} must be a ${opts.integer ? 'whole number' : 'number'}, like ${opts.integer ? '120' : '61.5'}` });
    return undefined;
  }
  if (opts.min !== undefined && value < opts.min) errors.push({ field, href: `#${field}`, text: `${label} must be ${opts.min} or more` });
  else if (opts.max !== undefined && value > opts.max) errors.push({ field, href: `#${field}`, text: `${label} must be ${opts.max} or less` });
  return value;
}

function oneOf<T extends string>(form: MeasureForm, field: keyof MeasureForm, allowed: readonly T[], message: string, errors: FieldError[]): T | undefined {
  const value = String(form[field] ?? '');
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push({ field, href: `#${field}`, text: message });
  return undefined;
}

/**
 * Validates the edit-a-measure form; errors are GOV.UK messages in page order. `suppressionFloor` is the
 * partnership's disclosure policy threshold: a measure may hide more small counts, never fewer (issue 12 item 4).
 */
export function validateMeasureForm(form: MeasureForm, suppressionFloor = 5): { ok: true; value: MeasureEdit } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const title = String(form.title ?? '').trim();
  if (!title) errors.push({ field: 'title', href: '#title', text: 'Enter a short title for the measure' });
  else if (title.length > 200) errors.push({ field: 'title', href: '#title', text: 'Title must be 200 characters or fewer' });
  const kind = oneOf(form, 'kind', MEASURE_KINDS, 'Select what kind of measure this is', errors);
  const unit = oneOf(form, 'unit', UNITS, 'Select the unit', errors);
  const polarity = oneOf(form, 'polarity', POLARITIES, 'Select whether higher or lower is better', errors);
  const periodGrain = oneOf(form, 'periodGrain', PERIOD_GRAINS, 'Select how often the measure is reported', errors);
  const breakdowns = [form.breakdowns ?? []].flat().filter((b) => b !== '_unchecked');
  const unknown = breakdowns.filter((b) => !(BREAKDOWNS as readonly string[]).includes(b));
  if (unknown.length > 0) errors.push({ field: 'breakdowns', href: '#breakdowns', text: 'Select breakdowns from the list' });
  if (kind && unit && PERCENT_KINDS.has(kind) && unit !== 'percent') errors.push({ field: 'unit', href: '#unit', text: `A ${kind.replace('-', ' ')} measure is shown as a percentage: select Percent` });
  if (kind === 'milestone' && unit && unit !== 'milestone') errors.push({ field: 'unit', href: '#unit', text: 'A milestone is shown as done or not yet: select Milestone' });
  const threshold = number(form, 'suppressionThreshold', 'The suppression threshold', errors, { integer: true, max: 100 });
  if (threshold !== undefined && Number.isInteger(threshold) && threshold < suppressionFloor) {
    errors.push({ field: 'suppressionThreshold', href: '#suppressionThreshold', text: `Hide counts below must be ${suppressionFloor} or more: the partnership's disclosure policy does not allow smaller counts to be shown` });
  }
  const suppressionThreshold = threshold ?? suppressionFloor;
  const max = unit === 'percent' ? 100 : undefined;
  const baselineValue = number(form, 'baselineValue', 'Baseline value', errors, { min: 0, ...(max ? { max } : {}) });
  const baselineN = number(form, 'baselineN', 'Number of respondents or cases', errors, { integer: true, min: 1 });
  const baselinePeriod = String(form.baselinePeriod ?? '').trim() || undefined;
  const targetValue = number(form, 'targetValue', 'Target value', errors, { min: 0, ...(max ? { max } : {}) });
  const targetOn = String(form.targetOn ?? '').trim() || undefined;
  if (targetOn && (!/^\d{4}-\d{2}-\d{2}$/.test(targetOn) || Number.isNaN(Date.parse(`${targetOn}T00:00:00Z`)) || new Date(`${targetOn}T00:00:00Z`).toISOString().slice(0, 10) !== targetOn)) {
    errors.push({ field: 'targetOn', href: '#targetOn', text: 'Target date must be a real date written as YYYY-MM-DD, like 2026-03-31' });
  }
  const relativeRaw = String(form.targetRelative ?? '');
  const targetRelative = relativeRaw === '' || relativeRaw === 'none' ? undefined : oneOf(form, 'targetRelative', RELATIVE_TARGETS, 'Select a relative target from the list', errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title, kind: kind!, unit: unit!, polarity: polarity!, periodGrain: periodGrain!, breakdowns: breakdowns as MeasureEdit['breakdowns'], suppressionThreshold,
      ...(baselineValue !== undefined ? { baselineValue } : {}), ...(baselineN !== undefined ? { baselineN } : {}), ...(baselinePeriod ? { baselinePeriod } : {}),
      ...(targetValue !== undefined ? { targetValue } : {}), ...(targetOn ? { targetOn } : {}), ...(targetRelative ? { targetRelative } : {}),
    },
  };
}
