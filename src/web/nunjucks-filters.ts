import type { Environment } from 'nunjucks';
import { ROLE_LABELS } from '../modules/accounts/index.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-04-01" → "1 April 2025", as GOV.UK writes dates; anything else is shown as given. */
export function ukDate(value: unknown): string {
  if (typeof value !== 'string') return value instanceof Date ? ukDate(value.toISOString().slice(0, 10)) : '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

export const STATUS_LABELS: Record<string, string> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  complete: 'Complete',
};

export const AUDIENCE_LABELS: Record<string, string> = {
  'children-young-people-families': 'For children, young people and their families',
  professionals: 'For professionals',
};

/** Tag colours for RAG ratings; the tag's text always names the rating too. */
const RAG_TAGS: Record<string, { text: string; classes: string }> = {
  red: { text: 'Red', classes: 'govuk-tag--red' },
  amber: { text: 'Amber', classes: 'govuk-tag--orange' },
  green: { text: 'Green', classes: 'govuk-tag--green' },
  complete: { text: 'Complete', classes: 'govuk-tag--blue' },
  'not-rated': { text: 'Not rated', classes: 'govuk-tag--grey' },
};

export function registerFilters(env: Environment): void {
  env.addFilter('ukDate', ukDate);
  env.addFilter('statusLabel', (status: string) => STATUS_LABELS[status] ?? status);
  env.addFilter('audienceLabel', (audience: string) => AUDIENCE_LABELS[audience] ?? audience);
  env.addFilter('ragTag', (rag: string) => RAG_TAGS[rag] ?? { text: rag, classes: 'govuk-tag--grey' });
  env.addFilter('roleLabel', (role: string) => (ROLE_LABELS as Record<string, string>)[role] ?? role);
  env.addFilter('plural', (n: number, one: string, many?: string) => `${n} ${n === 1 ? one : (many ?? `${one}s`)}`);
}
