// Files that break one rule of a data return each (duplicated rows, negative counts, a breakdown value not in
// the schedule ...), for the import fuzz test. The file-level hostile files (truncated workbooks, zip bombs,
// wrong encodings ...) come from src/returns-parsing/fixtures.ts, shared with the parser's own fuzz test.
import type ExcelJS from 'exceljs';
import { csv, FORMULA_INJECTIONS, HOSTILE_DOCTYPES, rawXlsx, xlsx, type FuzzFile, type FuzzGenerator } from '../../src/returns-parsing/fixtures.ts';

/** Which schedule (of those the test sets up) a generated file is imported into. */
export type Target = 'ratio' | 'value' | 'open';
export type ImportGenerator = FuzzGenerator & { target: Target };

export const RATIO_HEADINGS = ['Provider', 'Period start', 'Numerator', 'Denominator', 'Note'];
export const PROVIDERS = ['Total', 'Educational psychology', 'Health', 'Social care'];
const VALUE_HEADINGS = ['Area', 'Period start', 'Value', 'Note'];
const OPEN_HEADINGS = ['School', 'Period start', 'Numerator', 'Denominator', 'Note'];
const AREAS = ['Total', 'North', 'Mid', 'South', 'West'];

/** Wrong values for each column of the ratio return: none of them can be accepted there. */
export const RATIO_JUNK = [
  ['Astrology', 'Nrth', '', '  ', 'N/A', '0'],
  ['31/02/2025', '2025-13-01', 'abc', '', '45658.5x', 'Q1 2025'],
  ['12.5', 'abc', '-4', '1e999', 'NaN', '', '0x1F', '١٢', '1,000'],
  ['12.5', 'abc', '-4', '1e999', 'NaN', '', '0x1F', '١٢', '1,000'],
];
/** What a wrong value in the ratio return's columns 0-3 is told. */
const CELL_PROBLEM = /is not one of|expected a date|expected a whole number|cannot be negative|a value is required/;

/** Well-formed rows of the ratio return for a period start (numerator never above denominator, the Total their sum). */
export function ratioRows(random: () => number, periodStart: string): string[][] {
  const providers = PROVIDERS.slice(1).map((provider) => {
    const denominator = 20 + Math.floor(random() * 80);
    return [provider, periodStart, String(Math.floor(random() * denominator)), String(denominator), random() < 0.3 ? 'provisional' : ''];
  });
  const sum = (column: number) => String(providers.reduce((total, row) => total + Number(row[column]), 0));
  return [[PROVIDERS[0]!, periodStart, sum(2), sum(3), random() < 0.3 ? 'provisional' : ''], ...providers];
}

/** A workbook with typed cells: whole numbers as numbers, ISO dates as dates, the rest as text. */
export function typedXlsx(rows: (string | ExcelJS.CellValue)[][]): Promise<Buffer> {
  return xlsx(rows.map((row, index) => (index === 0 ? row : row.map((cell) => {
    if (typeof cell !== 'string') return cell;
    if (/^-?\d{1,9}$/.test(cell)) return Number(cell);
    if (/^\d{4}-\d{2}-\d{2}$/.test(cell) && !Number.isNaN(Date.parse(`${cell}T00:00:00Z`))) return new Date(`${cell}T00:00:00Z`);
    return cell;
  }))));
}

/** The generators that break one rule each; `scale` multiplies the counts (at least 1 of each). */
export function ruleBreakingFiles(random: () => number, scale = 1): ImportGenerator[] {
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  /** CSV (either separator, line end, with or without BOM) three times in four, otherwise a workbook. */
  const asFile = async (rows: (string | ExcelJS.CellValue)[][]): Promise<FuzzFile> => {
    if (random() < 0.25) return { bytes: await typedXlsx(rows), name: 'return.xlsx' };
    return { bytes: csv(rows.map((row) => row.map(String)), pick([',', ';']), pick(['\n', '\r\n']), random() < 0.5), name: 'return.csv' };
  };
  const good = () => ratioRows(random, '2025-01-01');
  const change = (rows: string[][], row: number, column: number, value: string) => rows.map((r, i) => (i === row ? r.map((c, j) => (j === column ? value : c)) : r));
  const generators: ImportGenerator[] = [
    { name: 'duplicated rows', count: 100, target: 'ratio', expect: /^Row \d+ repeats row \d+ \(same Provider\)$/, make: () => {
      const rows = good();
      rows.splice(1 + int(rows.length), 0, [...rows[int(rows.length)]!]);
      return asFile([RATIO_HEADINGS, ...rows]);
    } },
    { name: 'negative counts', count: 100, target: 'ratio', expect: /a count cannot be negative, found '-\d+'/, make: () => asFile([RATIO_HEADINGS, ...change(good(), int(4), 2 + int(2), `-${1 + int(999)}`)]) },
    { name: 'numerator above denominator', count: 100, target: 'ratio', expect: /^Row \d+: 'Numerator' \(\d+\) is larger than 'Denominator' \(\d+\)$/, make: () => {
      const rows = good();
      const row = int(4);
      return asFile([RATIO_HEADINGS, ...change(rows, row, 2, String(Number(rows[row]![3]) + 1 + int(50)))]);
    } },
    { name: 'unknown columns', count: 80, target: 'ratio', expect: /^Column '.+' is not part of this return; remove it or check its spelling$/, make: () => {
      const at = int(RATIO_HEADINGS.length + 1);
      const heading = pick(['Region', 'Comments', '=cmd|calc', 'Numerator 2', 'Période', 'x'.repeat(1 + int(40))]);
      const insert = (row: string[], value: string) => [...row.slice(0, at), value, ...row.slice(at)];
      return asFile([insert(RATIO_HEADINGS, heading), ...good().map((row) => insert(row, String(int(9))))]);
    } },
    { name: 'missing columns', count: 80, target: 'ratio', expect: /^Column '(Provider|Period start|Numerator|Denominator)' is missing$/, make: () => {
      const drop = int(4);
      return asFile([RATIO_HEADINGS, ...good()].map((row) => row.filter((_, column) => column !== drop)));
    } },
    { name: 'breakdown value not in the schedule', count: 100, target: 'ratio', expect: /is not one of Total, Educational psychology, Health, Social care/, make: () => asFile([RATIO_HEADINGS, ...change(good(), int(4), 0, pick(['Astrology', 'Educational psychologyy', 'Social  care', 'Totals', 'N/A', 'Health visiting', ...FORMULA_INJECTIONS]))]) },
    { name: 'wrong types', count: 100, target: 'ratio', expect: CELL_PROBLEM, make: () => {
      const column = int(4);
      return asFile([RATIO_HEADINGS, ...change(good(), int(4), column, pick(RATIO_JUNK[column]!))]);
    } },
    { name: 'formula-looking figures, dates and breakdowns', count: 100, target: 'ratio', expect: CELL_PROBLEM, make: () => asFile([RATIO_HEADINGS, ...change(good(), int(4), int(4), pick(FORMULA_INJECTIONS))]) },
    { name: 'formula cells in a workbook', count: 60, target: 'ratio', expect: /contains a formula/, make: async () => {
      const rows: ExcelJS.CellValue[][] = good().map((row) => [...row]);
      const column = pick([0, 1, 2, 3, 4]);
      // A text, date or note column never takes a formula; a figure column takes only its saved result, here missing.
      rows[int(4)]![column] = column === 2 || column === 3 ? { formula: 'SUM(1,2)' } as ExcelJS.CellFormulaValue : { formula: 'CONCAT("He","alth")', result: 'Health' } as ExcelJS.CellFormulaValue;
      return { bytes: await typedXlsx([RATIO_HEADINGS, ...rows]), name: 'return.xlsx' };
    } },
    { name: 'rows the schedule needs are missing', count: 60, target: 'ratio', expect: /^There is no row for (the total|Provider "[^"]+")/, make: () => {
      const rows = good();
      rows.splice(int(rows.length), 1);
      return asFile([RATIO_HEADINGS, ...rows]);
    } },
    { name: 'wrong period', count: 60, target: 'ratio', expect: /^Row \d+, Period start: this return is for 2025 Q1, so the period start must be 2025-01-01$/, make: () => asFile([RATIO_HEADINGS, ...ratioRows(random, pick(['2024-10-01', '2025-04-01', '2025-03-31', '01/02/2025']))]) },
    { name: 'figures too large', count: 40, target: 'value', expect: /: the value must be a number below 1,000,000,000,000$/, make: () => {
      const rows = AREAS.map((area) => [area, '2025-03-01', (random() * 30).toFixed(1), '']);
      rows[int(rows.length)]![2] = pick(['1e13', '123456789012345', '-2e12', '9.9e99']);
      return asFile([VALUE_HEADINGS, ...rows]);
    } },
    { name: 'breakdown value too long', count: 40, target: 'open', expect: /^Row \d+, School: a value can be at most 200 characters$/, make: () => asFile([OPEN_HEADINGS, ['Total', '2025-01-01', '1', '2', ''], [`School ${'x'.repeat(194 + int(700))}`, '2025-01-01', '1', '2', '']]) },
    { name: 'hostile workbook XML', count: 40, target: 'ratio', expect: /^The file is not a readable Excel workbook \(\.xlsx\)$/, make: () => {
      const [cell, doctype] = pick([['&i;', HOSTILE_DOCTYPES.laughs], ['&x;', HOSTILE_DOCTYPES.external], ['&fromDtd;', HOSTILE_DOCTYPES.parameter], ['a&#0;b', ''], ['a&#1;b', ''], ['<b>unclosed', ''], ['&undefined;', '']] as const);
      return { bytes: rawXlsx([RATIO_HEADINGS, [cell, '2025-01-01', '1', '2']], doctype), name: 'return.xlsx' };
    } },
    { name: 'too many rows', count: 1, target: 'open', expect: /^The file has more than 250000 rows of data; split it or remove empty rows$/, make: () => {
      const lines = ['School,Period start,Numerator,Denominator', 'Total,2025-01-01,1,2'];
      for (let i = 0; i <= 250_000; i += 1) lines.push(`School ${i},2025-01-01,1,2`);
      return { bytes: Buffer.from(lines.join('\n')), name: 'return.csv' };
    } },
    { name: 'too many columns', count: 20, target: 'ratio', expect: /^The file has more than 30 columns/, make: () => asFile([[...RATIO_HEADINGS, ...Array.from({ length: 26 + int(30) }, (_, i) => `Extra ${i}`)], ...good()]) },
    { name: 'file too large', count: 1, target: 'ratio', expect: /^The file is 40\.1 MB; the limit is 40 MB$/, make: () => ({ bytes: Buffer.concat([csv([RATIO_HEADINGS, ...good()]), Buffer.alloc(40 * 1_048_576, ' ')]), name: 'return.csv' }) },
    { name: 'empty, blank and heading-only files', count: 30, target: 'ratio', expect: /^(The file is empty|The file has headings but no rows of data)$/, make: () => ({ bytes: Buffer.from(pick(['', '\uFEFF', ' \n \r\n', RATIO_HEADINGS.join(','), `${RATIO_HEADINGS.join(';')}\n;;;;\n \n`, `${RATIO_HEADINGS.join(',')}\r\n,,,,\r\n`])), name: 'return.csv' }) },
    { name: 'other kinds of file', count: 30, target: 'ratio', expect: /^(This is an older Excel file \(\.xls\)|The file must be a CSV \(\.csv\) or Excel workbook \(\.xlsx\)|The file is named \.xlsx but is not an Excel workbook)/, make: () => {
      const magic = pick([[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0x25, 0x50, 0x44, 0x46], [0x89, 0x50, 0x4e, 0x47], [0x1f, 0x8b], [0xff, 0xd8, 0xff], [0x50, 0x4b, 0x05, 0x06]]);
      return random() < 0.2 ? { bytes: csv([RATIO_HEADINGS, ...good()]), name: pick(['return.xlsx', 'return.pdf', 'return']) } : { bytes: Buffer.concat([Buffer.from(magic), Buffer.alloc(int(2_000), 7)]), name: pick(['return.csv', 'return.xlsx', 'return.xls']) };
    } },
  ];
  return generators.map((g) => ({ ...g, count: Math.max(1, Math.round(g.count * scale)) }));
}
