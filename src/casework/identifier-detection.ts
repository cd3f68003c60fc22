/**
 * Recognising personal identifiers in an upload, so they are refused before anything is stored
 * (issue 6 item 2; domain.md §7: keep identifiers out, pseudonymise with a keyed hash).
 */

export type IdentifierKind = 'name' | 'address' | 'date-of-birth' | 'upn' | 'nhs-number' | 'contact' | 'national-insurance';

// Headings are compared in lower case with punctuation turned into single spaces.
const HEADING_PATTERNS: [IdentifierKind, RegExp][] = [
  ['date-of-birth', /\b(date of birth|birth ?date|dob|d o b|born)\b/],
  ['upn', /\b(upn|uln|unique (pupil|learner) (number|no|ref(erence)?))\b/],
  ['nhs-number', /\b(nhs ?(no|num|number|id)|chi (no|number))\b/],
  ['national-insurance', /\b(ni ?(no|number)|national insurance)\b/],
  ['contact', /\b(e ?mail|phone|telephone|mobile|tel)\b/],
  ['address', /\b(address|post ?code|street|house (name|number)|town|city)\b/],
  ['name', /\b(name|names|forename|forenames|surname|first ?name|last ?name|given ?name|family ?name|middle ?name|full ?name|initials)\b/],
];

const HEADING_ADVICE: Record<IdentifierKind, string> = {
  name: 'looks like a person’s name. Names must never be uploaded: delete the column and upload the file again',
  address: 'looks like an address or postcode. Addresses must never be uploaded: delete the column and use the Area column for the locality',
  'date-of-birth': 'looks like a date of birth. Dates of birth must never be uploaded: delete the column and give the age in whole years in the Age column (it is stored as an age band)',
  upn: 'looks like a unique pupil or learner number. It may be uploaded only as the person identifier, which is pseudonymised before it is stored: head the column Person ID, or map it as the person column',
  'nhs-number': 'looks like an NHS number. It may be uploaded only as the person identifier, which is pseudonymised before it is stored: head the column Person ID, or map it as the person column',
  contact: 'looks like contact details (email or telephone). Contact details must never be uploaded: delete the column',
  'national-insurance': 'looks like a National Insurance number. It must never be uploaded: delete the column',
};

const normalise = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** What kind of personal identifier a column heading looks like, or null. */
export function identifierHeadingKind(heading: string): IdentifierKind | null {
  const text = normalise(heading);
  for (const [kind, pattern] of HEADING_PATTERNS) if (pattern.test(text)) return kind;
  return null;
}

/** The message refusing a column whose heading looks like an identifier. */
export function identifierHeadingMessage(heading: string, kind: IdentifierKind): string {
  return `Column '${heading.trim()}' ${HEADING_ADVICE[kind]}`;
}

/**
 * True for a valid NHS number: 10 digits whose check digit (the 10th) is 11 minus the weighted sum
 * (weights 10 down to 2) modulo 11, where 11 means 0 and 10 means the number is invalid
 * (NHS Data Dictionary, "NHS Number": Modulus 11 algorithm).
 */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

// A UPN is a letter and 12 characters (11 digits then a check letter or digit for temporary UPNs); a ULN is 10 digits.
const UPN = /(^|[^A-Za-z0-9])[A-Za-z]\d{11}[A-Za-z0-9]($|[^A-Za-z0-9])/;
const NHS_CANDIDATE = /(?:^|\D)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)/g;

/** What kind of identifier a cell value looks like (a UPN, or a valid NHS number), or null. */
export function identifierValueKind(value: string | number): 'upn' | 'nhs-number' | null {
  const text = typeof value === 'number' ? String(value) : value;
  if (UPN.test(text)) return 'upn';
  for (const match of text.matchAll(NHS_CANDIDATE)) {
    if (isValidNhsNumber(`${match[1]}${match[2]}${match[3]}`)) return 'nhs-number';
  }
  return null;
}

/** The message refusing a cell that holds an identifier; it never repeats the value. */
export function identifierValueMessage(row: number, heading: string, kind: 'upn' | 'nhs-number', personHeading: string): string {
  const what = kind === 'upn' ? 'a unique pupil number (UPN)' : 'an NHS number';
  return `Row ${row}, column '${heading}': this looks like ${what}. Identifiers may be uploaded only in the '${personHeading}' column, which is pseudonymised; remove it from this column`;
}

// A full UK postcode (outward code, then a digit and two letters: Royal Mail Programmers' Guide, postcode format)
// and a whole date, as spreadsheets write them.
const POSTCODE = /(^|[^A-Za-z0-9])[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}($|[^A-Za-z0-9])/;
const WHOLE_DATE = /(^|\D)\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}($|\D)/;

/**
 * What personal detail a code (Area, Provider) looks like: a postcode, or a date, which in a code column can only
 * be a date of birth or a slip; null otherwise. Codes are shown on indicator pages, so neither may be stored.
 */
export function codeDetailKind(value: string): 'postcode' | 'date' | null {
  if (POSTCODE.test(value)) return 'postcode';
  if (WHOLE_DATE.test(value)) return 'date';
  return null;
}

/** The message refusing a code that looks like a postcode or a date; it never repeats the value. */
export function codeDetailMessage(row: number, heading: string, kind: 'postcode' | 'date'): string {
  return kind === 'postcode'
    ? `Row ${row}, column '${heading}': this looks like a postcode. Postcodes and addresses must never be uploaded: use the code of the locality or team`
    : `Row ${row}, column '${heading}': this looks like a date. Dates belong in the date columns only, and dates of birth must never be uploaded: use a code`;
}
