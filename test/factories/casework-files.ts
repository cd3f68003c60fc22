import ExcelJS from 'exceljs';

/** A CSV file from rows of cells (the first row is the headings), quoting where needed. */
export function csvFile(rows: readonly (readonly (string | number)[])[]): Buffer {
  const field = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return Buffer.from(`${rows.map((row) => row.map(field).join(',')).join('\n')}\n`, 'utf8');
}

/** An XLSX workbook with one sheet from rows of cells (dates as JavaScript Dates become date cells). */
export async function xlsxFile(rows: readonly (readonly (string | number | Date | null)[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Records');
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const EHC_HEADINGS = ['Record ID', 'Person ID', 'Area', 'Age', 'Primary need', 'Received date', 'Request outcome', 'Request outcome date',
  'Assessment outcome', 'Assessment outcome date', 'Draft plan date', 'Final plan date', 'Exception a', 'Exception b', 'Exception c', 'Exception d'] as const;

/** An EHC needs assessment request row; override any heading. */
export function ehcRow(overrides: Partial<Record<(typeof EHC_HEADINGS)[number], string | number>> = {}): (string | number)[] {
  const base: Record<(typeof EHC_HEADINGS)[number], string | number> = {
    'Record ID': 'EHC-0001', 'Person ID': 'P-0001', Area: 'North', Age: 7, 'Primary need': 'ASD', 'Received date': '2025-01-06',
    'Request outcome': 'assess', 'Request outcome date': '2025-02-10', 'Assessment outcome': 'issue-plan', 'Assessment outcome date': '2025-04-14',
    'Draft plan date': '2025-04-22', 'Final plan date': '2025-05-19', 'Exception a': 'N', 'Exception b': '', 'Exception c': '', 'Exception d': '',
  };
  const merged = { ...base, ...overrides };
  return EHC_HEADINGS.map((h) => merged[h]);
}

/** The other kinds, each as headings and one typical row. */
export const SAMPLE_FILES = {
  'advice-requests': [
    ['Record ID', 'Person ID', 'Area', 'Age', 'Assessment ID', 'Advice type', 'Provider', 'Requested date', 'Received date', 'Missed appointment'],
    ['ADV-1', 'P-0001', 'North', 7, 'EHC-0001', 'health', 'EPUT', '2025-02-12', '2025-03-20', 'N'],
  ],
  'annual-reviews': [
    ['Record ID', 'Person ID', 'Area', 'Age', 'Year group', 'Plan issued date', 'Previous review date', 'Meeting date', 'Decision', 'Decision date', 'Preparing for adulthood considered'],
    ['AR-1', 'P-0002', 'South', 14, '9', '', '2024-04-30', '2025-03-18', 'maintain', '2025-04-09', 'Y'],
  ],
  'phase-transfers': [
    ['Record ID', 'Person ID', 'Area', 'Transfer', 'Transfer year', 'Amended plan date'],
    ['PT-1', 'P-0003', 'South', 'primary-to-secondary', 2025, '2025-02-10'],
  ],
  referrals: [
    ['Record ID', 'Person ID', 'Area', 'Pathway', 'Provider', 'Referred date', 'Accepted date', 'First assessment contact date'],
    ['REF-1', 'P-0004', 'North', 'autism', 'MSE', '2025-01-15', '2025-01-29', '2025-04-02'],
  ],
  'equipment-requests': [
    ['Record ID', 'Person ID', 'Area', 'Equipment type', 'Identified date', 'Delivered date'],
    ['EQ-1', 'P-0005', 'West', 'posture-and-seating', '2025-03-03', '2025-04-07'],
  ],
  'dsr-entries': [
    ['Record ID', 'Person ID', 'Area', 'Age', 'Cohort', 'Added date'],
    ['DSR-1', 'P-0006', 'North', 15, 'autism', '2024-11-04'],
  ],
  'dsr-events': [
    ['Record ID', 'DSR entry ID', 'Event', 'Event date', 'Rating'],
    ['EV-1', 'DSR-1', 'rating', '2025-01-20', 'amber'],
  ],
} as const;
