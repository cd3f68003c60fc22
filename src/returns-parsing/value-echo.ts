// What a problem message may quote back from an uploaded file (issue 12 item 3). A message that repeats a cell
// can leak what the cell held (an NHS number typed into a date column, a date of birth, a name) into the page,
// the terminal, logs and screenshots, so messages describe the problem and repeat a value only when it cannot
// identify anyone. docs/casework-import.md and docs/return-files.md state the rule for partners.
import type { RepeatValues } from './types.ts';

/**
 * Excel's own error values (Microsoft Support, "Detect errors in formulas"): they name a failed formula, never a
 * person, so a message may say which one a cell holds.
 */
const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  '#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#EXTERNAL!',
]);

// A plain number of at most 6 digits: a count or a figure, too short to be an NHS number (10 digits), a ULN (10),
// a UPN (13 characters), a telephone number or a date (8 digits or separators), and never a name or postcode.
const SHORT_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const MAX_DIGITS = 6;

/** True when a message may repeat this found value under the rule. */
export function mayRepeat(text: string, rule: RepeatValues = 'short-numbers'): boolean {
  if (rule === 'never') return false;
  const value = text.trim();
  return SHORT_NUMBER.test(value) && value.replace(/\D/g, '').length <= MAX_DIGITS;
}

/** `, found '-3'` when the rule lets a message repeat the value, otherwise nothing: the message then only describes. */
export function foundText(text: string, rule: RepeatValues = 'short-numbers'): string {
  return mayRepeat(text, rule) ? `, found '${text.trim()}'` : '';
}

/** True for one of Excel's error values, which a message may name. */
export function isExcelError(text: string): boolean {
  return EXCEL_ERRORS.has(text.trim().toUpperCase());
}

// Shapes of identifiers and personal details, searched anywhere in a text (NHS Data Dictionary "NHS Number";
// DfE Common Basic Data Set, UPN: a letter, 11 digits and a check character; Royal Mail postcode format;
// HMRC National Insurance number format; dates as spreadsheets write them).
const IDENTIFIER_SHAPES: readonly RegExp[] = [
  /\d{7,}/, // any long run of digits: NHS numbers, ULNs, telephone numbers, dates written without separators
  /\d{3}[ -]\d{3}[ -]\d{4}/, // an NHS number written 943 476 5919
  /[A-Za-z]\d{11}[A-Za-z0-9]/, // a UPN
  /\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\b/, // a full postcode
  /\b[A-Za-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d]\b/, // a National Insurance number
  /\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}/, // a date: 2015-03-02, 02/03/2015, 2.3.15
  /\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{2,4}\b/i, // 2 March 2015
  /[^\s@]+@[^\s@]+\.[^\s@]+/, // an email address
];

/**
 * True when a text has the shape of an identifier or personal detail: an NHS number (valid or not), a UPN, a
 * postcode, a National Insurance number, a date, an email address or any run of 7 or more digits. Headings and
 * breakdown names with such a shape are never repeated in a message.
 */
export function looksLikeIdentifier(text: string): boolean {
  return IDENTIFIER_SHAPES.some((shape) => shape.test(text));
}
