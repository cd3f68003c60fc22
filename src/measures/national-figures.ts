/**
 * National (England) comparator figures shipped in `reference-data/national-figures.csv`:
 * SEN prevalence, primary-need distributions, EHC 20-week timeliness, absence and
 * suspension / permanent-exclusion rates. Column meanings, vocabularies and sources are in
 * `reference-data/README.md`; the figures come from the shared domain specification §2.3
 * (DfE "Special educational needs in England", "Education, health and care plans" (SEN2),
 * "Outcomes for children in need", attendance and exclusions statistics, and summaries of them).
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Version of the shipped data file; bump it whenever a figure changes (see reference-data/README.md). */
export const NATIONAL_FIGURES_VERSION = '2026-11-26.1';

/** Indicator families the national comparators cover (product issue; domain.md §2.3). */
export const INDICATORS = [
  'ehc-plan-prevalence', 'sen-support-prevalence', 'any-sen-prevalence', 'primary-need-share',
  'ehc-20-week-timeliness', 'overall-absence', 'persistent-absence', 'suspension-rate', 'permanent-exclusion-rate',
] as const;
/** School census SEN provision groups (E, K, N; domain.md §2.2), all pupils, and SEN2's all plans 0–25 (§2.1). */
export const POPULATIONS = ['all-pupils', 'ehc-plan', 'sen-support', 'no-sen', 'all-ehc-plans-0-25'] as const;
/** DfE primary type of need codes (school census and SEN2), plus UNKNOWN as SEN2 publishes it. */
export const NEEDS = ['ASD', 'SLCN', 'SEMH', 'MLD', 'SPLD', 'SLD', 'PMLD', 'PD', 'HI', 'VI', 'MSI', 'OTH', 'NSA', 'UNKNOWN'] as const;
/** Periods as DfE publishes them: academic year, calendar year (SEN2 activity), term (absence, exclusions). */
export const PERIOD_TYPES = ['academic-year', 'calendar-year', 'term'] as const;
/** Exclusion rates are per 100 pupils on roll (DfE exclusions statistics); everything else is a percentage. */
export const UNITS = ['percent', 'per-100-pupils'] as const;
/** School scope for census-based figures; exceptions treatment for 20-week timeliness. */
export const BASES = ['all-schools', 'state-funded', 'excluding-exceptions', 'including-exceptions', 'basis-unstated'] as const;
/** Confidence tags of the domain specification: confirmed primary, secondary only, unconfirmed. */
export const CONFIDENCES = ['C', 'S', 'U'] as const;

export type Indicator = (typeof INDICATORS)[number];
export type Population = (typeof POPULATIONS)[number];
export type NeedCode = (typeof NEEDS)[number];
export type PeriodType = (typeof PERIOD_TYPES)[number];
export type Unit = (typeof UNITS)[number];
export type Basis = (typeof BASES)[number];
export type Confidence = (typeof CONFIDENCES)[number];

/** One published national figure; `null` where the file leaves the column empty. */
export interface NationalFigure {
  indicator: Indicator;
  population: Population;
  need: NeedCode | null;
  period: string;
  periodType: PeriodType;
  value: number;
  unit: Unit;
  basis: Basis | null;
  numerator: number | null;
  denominator: number | null;
  confidence: Confidence;
  source: string;
}

/** Selects one series. Omitting `need` selects the population total (rows with no need). */
export interface SeriesKey {
  indicator: Indicator;
  population: Population;
  need?: NeedCode;
  basis?: Basis;
  periodType?: PeriodType;
}

/** The header of reference-data/national-figures.csv, in order. */
export const COLUMNS = [
  'indicator', 'population', 'need', 'period', 'period_type', 'value', 'unit',
  'basis', 'numerator', 'denominator', 'confidence', 'source',
] as const;

const DEFAULT_PATH = fileURLToPath(new URL('../../reference-data/national-figures.csv', import.meta.url));
const RATE_INDICATORS: readonly Indicator[] = ['suspension-rate', 'permanent-exclusion-rate'];
// Rounded published percentages can differ from a recomputed ratio by up to 0.05; 0.1 leaves room.
const RATIO_TOLERANCE = 0.1 + 1e-9;
const TERM_RANK: Record<string, number> = { autumn: 1, spring: 2, 'autumn+spring': 2, summer: 3 };

/** One CSV record and the file line it starts on. */
export interface CsvRecord { line: number; fields: string[] }

/**
 * Splits RFC 4180 CSV text into records: quoted fields may hold commas, doubled quotes
 * and line breaks; LF, CRLF and a leading BOM are accepted. Each record carries the line
 * it starts on so that validation errors can point at the file.
 * @throws Error naming the line and column of a stray or unterminated quote.
 */
export function parseCsvRecords(text: string, label = 'CSV'): CsvRecord[] {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  const endField = (): void => { fields.push(field); field = ''; quoted = false; };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (inQuotes) {
      if (ch === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') inQuotes = false;
      else { if (ch === '\n') line++; field += ch; }
    } else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endField();
      records.push({ line: recordLine, fields });
      fields = [];
      recordLine = ++line;
    } else if (ch === '"' && field === '' && !quoted) { inQuotes = true; quoted = true; }
    else if (ch === '"' || quoted) {
      throw new Error(`${label} line ${line}, column ${fields.length + 1}: expected a comma or line end around the quoted field`);
    } else field += ch;
  }
  if (inQuotes) throw new Error(`${label} line ${recordLine}, column ${fields.length + 1}: expected a closing quote before the end of the file`);
  if (field !== '' || quoted || fields.length > 0) { endField(); records.push({ line: recordLine, fields }); }
  return records;
}

function periodIsValid(period: string, type: PeriodType): boolean {
  if (type === 'calendar-year') return /^\d{4}$/.test(period);
  const m = /^(\d{4})\/(\d{2})(?: (autumn|spring|summer|autumn\+spring))?$/.exec(period);
  if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) return false;
  return type === 'term' ? m[3] !== undefined : m[3] === undefined;
}

/**
 * Parses and validates the national-figures CSV text (see reference-data/README.md for the
 * vocabularies). Every check failure throws an Error naming the file, line and column.
 */
export function parseNationalFigures(text: string, label = 'national-figures.csv'): NationalFigure[] {
  const [header, ...rows] = parseCsvRecords(text, label);
  COLUMNS.forEach((name, i) => {
    if (header?.fields[i] !== name) throw new Error(`${label} line 1, column ${i + 1}: expected header "${name}", got "${header?.fields[i] ?? ''}"`);
  });
  if (header && header.fields.length !== COLUMNS.length) throw new Error(`${label} line 1, column ${COLUMNS.length + 1}: expected ${COLUMNS.length} header columns, found ${header.fields.length}`);
  const seen = new Map<string, number>();
  return rows.map(({ line, fields }) => {
    const fail = (col: number, expected: string): never => {
      throw new Error(`${label} line ${line}, column ${col + 1} (${COLUMNS[col] ?? 'extra'}): expected ${expected}, got "${fields[col] ?? ''}"`);
    };
    if (fields.length !== COLUMNS.length) {
      fail(Math.min(fields.length, COLUMNS.length), `${COLUMNS.length} columns, found ${fields.length}`);
    }
    const raw = (col: number): string => fields[col] ?? '';
    const pick = <T extends string>(col: number, list: readonly T[], orEmpty = ''): T =>
      list.find((item) => item === raw(col)) ?? fail(col, `one of ${list.join(', ')}${orEmpty}`);
    const pickOrNull = <T extends string>(col: number, list: readonly T[]): T | null =>
      raw(col) === '' ? null : pick(col, list, ' or empty');
    const count = (col: number): number | null => {
      if (raw(col) === '') return null;
      return /^\d+$/.test(raw(col)) ? Number(raw(col)) : fail(col, 'a whole number or empty');
    };
    const indicator = pick(0, INDICATORS);
    const population = pick(1, POPULATIONS);
    const need = pickOrNull(2, NEEDS);
    if (indicator === 'primary-need-share' && need === null) fail(2, 'a need code for primary-need-share');
    const periodType = pick(4, PERIOD_TYPES);
    const period = raw(3);
    if (!periodIsValid(period, periodType)) fail(3, `a period of type ${periodType} (e.g. 2023/24, 2019, 2023/24 autumn)`);
    const value = /^\d+(\.\d+)?$/.test(raw(5)) ? Number(raw(5)) : fail(5, 'a finite non-negative number');
    const unit = pick(6, UNITS);
    const expectedUnit: Unit = RATE_INDICATORS.includes(indicator) ? 'per-100-pupils' : 'percent';
    if (unit !== expectedUnit) fail(6, `${expectedUnit} for ${indicator}`);
    if (unit === 'percent' && value > 100) fail(5, 'a percent between 0 and 100');
    const basis = pickOrNull(7, BASES);
    if (indicator === 'ehc-20-week-timeliness' && basis === null) fail(7, 'an exceptions basis for timeliness');
    const numerator = count(8);
    const denominator = count(9);
    if (denominator === 0) fail(9, 'a denominator above 0');
    if (numerator !== null && denominator !== null) {
      if (numerator > denominator) fail(8, `a numerator no greater than the denominator ${denominator}`);
      const ratio = (100 * numerator) / denominator;
      if (Math.abs(ratio - value) > RATIO_TOLERANCE) fail(5, `100 × numerator / denominator = ${ratio.toFixed(2)} to within 0.1`);
    }
    const confidence = pick(10, CONFIDENCES);
    if (raw(11).trim() === '') fail(11, 'the source publication');
    const key = [indicator, population, need ?? '', period, basis ?? ''].join('|');
    const previous = seen.get(key);
    if (previous !== undefined) fail(0, `a unique (indicator, population, need, period, basis), but line ${previous} has the same`);
    seen.set(key, line);
    return { indicator, population, need, period, periodType, value, unit, basis, numerator, denominator, confidence, source: raw(11) };
  });
}

/** Reads and validates the shipped file (or `path`); the only function here with I/O. */
export function loadNationalFigures(path: string = DEFAULT_PATH): NationalFigure[] {
  return parseNationalFigures(readFileSync(path, 'utf8'), path);
}

function periodOrder(period: string): [number, number] {
  const [, year = '0', term = ''] = /^(\d{4})(?:\/\d{2})?(?: (.+))?$/.exec(period) ?? [];
  return [Number(year), TERM_RANK[term] ?? 4];
}

/**
 * The figures for one series, oldest period first. Omitting `basis` matches any basis,
 * but two rows for one period then throw rather than silently mixing bases (e.g. 2022
 * timeliness 50.7 excluding exceptions vs 49.2 basis unstated).
 */
export function nationalSeries(figures: readonly NationalFigure[], key: SeriesKey): NationalFigure[] {
  const series = figures
    .filter((f) => f.indicator === key.indicator && f.population === key.population && f.need === (key.need ?? null))
    .filter((f) => (key.basis === undefined || f.basis === key.basis) && (key.periodType === undefined || f.periodType === key.periodType))
    .sort((a, b) => {
      const [ya, ra] = periodOrder(a.period);
      const [yb, rb] = periodOrder(b.period);
      return ya - yb || ra - rb || a.period.localeCompare(b.period);
    });
  series.forEach((f, i) => {
    const next = series[i + 1];
    if (next && next.period === f.period) {
      throw new Error(`national series ${key.indicator}/${key.population} has two figures for ${f.period} (basis ${f.basis ?? 'none'} and ${next.basis ?? 'none'}): pass a basis`);
    }
  });
  return series;
}

/** The value for one period of a series, or undefined when none is published. */
export function nationalValue(figures: readonly NationalFigure[], key: SeriesKey, period: string): number | undefined {
  return nationalSeries(figures, key).find((f) => f.period === period)?.value;
}
