import { INDICATORS } from './indicators.ts';
import { FLAG_VALUES } from './record-layouts.ts';
import { RECORD_KINDS } from './record-kinds.ts';
import type { FieldDeclaration } from './record-kind-types.ts';
import { RULES } from './rules.ts';

/**
 * The generated parts of docs/casework-import.md and docs/casework.md: written from the declarations, so the
 * documentation cannot drift from what the import accepts and the rules compute (a test compares them).
 */

const TYPE_TEXT: Record<FieldDeclaration['type'], string> = {
  'record-id': 'text (pseudonymised)', 'person-id': 'text (pseudonymised)', reference: 'text (pseudonymised)', code: 'code (up to 40 characters)',
  enum: 'one of the values', date: 'date', flag: 'Y or N', age: 'whole number 0-25', 'year-group': 'year group', integer: 'whole number',
};

const cell = (text: string) => text.replaceAll('|', '\\|');

function allowedText(field: FieldDeclaration): string {
  if (field.type === 'flag') return `${FLAG_VALUES.join(', ')}${field.blankIsUnknown ? '; blank = not recorded' : '; blank = N'}`;
  if (field.allowed) return field.allowed.join(', ');
  if (field.type === 'integer') return `${field.min}-${field.max}`;
  if (field.type === 'date') return 'YYYY-MM-DD, DD/MM/YYYY or an Excel date';
  return '';
}

/** Markdown for every record kind: its columns (heading, type, required, allowed values, meaning, SEN2) and an example. */
export function caseworkImportDoc(): string {
  return Object.values(RECORD_KINDS).map((declaration) => {
    const rows = declaration.fields.map((f) => `| ${f.heading} | ${TYPE_TEXT[f.type]} | ${f.required ? 'yes' : 'no'} | ${cell(allowedText(f))} | ${cell(f.description)} | ${cell(f.sen2 ?? '')} |`);
    const example = [declaration.fields.map((f) => f.heading).join(','), declaration.fields.map((f) => (f.example.includes(',') ? `"${f.example}"` : f.example)).join(',')];
    return [
      `### \`${declaration.kind}\`: ${declaration.title}`, '', `${declaration.description} Stored in \`${declaration.table}\`.`, '',
      '| heading | type | required | allowed values | meaning | SEN2 |', '| --- | --- | --- | --- | --- | --- |', ...rows, '',
      'Example:', '', '```csv', ...example, '```', '',
    ].join('\n');
  }).join('\n');
}

function limitText(rule: (typeof RULES)[number]): string {
  const { limit } = rule;
  if (limit.unit === 'condition') return `condition: ${limit.metWhen.column}`;
  if (limit.unit === 'fixed-date') return `before ${limit.day}/${limit.month} of \`${limit.yearColumn}\``;
  return `${limit.amount} ${limit.unit}`;
}

/** Markdown tables of the rules and the indicators, as declared. */
export function caseworkRulesDoc(): string {
  const rules = RULES.map((r) => `| ${r.id} | ${cell(r.title)} | \`${r.kind}\` | ${r.start ? `\`${r.start.column}\`` : '-'} | \`${r.end.column}\` | ${limitText(r)} | ${cell(r.exceptions?.reference ?? 'none')} | ${cell(r.legal)} | ${r.confidence} |`);
  const indicators = INDICATORS.map((i) => `| \`${i.id}\` | ${cell(i.title)} | ${i.method === 'timeliness' ? `${i.rules.join(', ')}${i.exceptions === 'exclude' ? ' (exceptions left out)' : ''}` : i.method} | ${i.unit} | ${i.breakdowns.join(', ') || '-'} | ${i.rollup} |`);
  return [
    '| rule | what | records | start | end | limit | exceptions | legal basis | confidence |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...rules, '',
    '| indicator | what | from | unit | breakdowns | quarters and years |', '| --- | --- | --- | --- | --- | --- |', ...indicators, '',
  ].join('\n');
}
