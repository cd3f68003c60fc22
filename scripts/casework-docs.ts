// Rewrites the generated parts of docs/casework-import.md and docs/casework.md from the declarations in
// src/casework (everything after the line "<!-- generated: ... -->"). Run: npx tsx scripts/casework-docs.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { caseworkImportDoc, caseworkRulesDoc } from '../src/casework/import-doc.ts';

const MARK = /<!-- generated[^>]*-->\n[\s\S]*$/;
for (const [file, text] of [['docs/casework-import.md', caseworkImportDoc()], ['docs/casework.md', caseworkRulesDoc()]] as const) {
  const path = new URL(`../${file}`, import.meta.url);
  const current = readFileSync(path, 'utf8');
  const marker = MARK.exec(current)?.[0].split('\n')[0];
  if (!marker) throw new Error(`${file} has no "<!-- generated ... -->" line`);
  writeFileSync(path, current.replace(MARK, `${marker}\n\n${text}`));
}
