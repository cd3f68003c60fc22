import type { PlanDocumentInput } from './plan-document.ts';
import { PlanFileError, type PlanProblem } from './plan-file-error.ts';

/**
 * The labelled-text plan format, as the Southend-on-Sea strategic action plan is written:
 *
 *   Recommendation 2                       ← a priority heading (Recommendation | Priority | Workstream N)
 *   The local area partnership should ...  ← the finding or recommendation text
 *   What we want: ...                      ← starts an outcome; then the other four labels in order
 *   What we will do: ...                   ← each sentence becomes an action (A1, A2 ...)
 *   Where are we now: ...                  ← the baseline of the outcome's measures
 *   What we will see: ...                  ← each sentence becomes a measure
 *   The difference this will make: ...
 *
 * Lines without a label continue the field above. Optional header lines before the first
 * heading: "Title: ...", "Id: ...", "Area: ...".
 */

const FIELDS = [
  ['whatWeWant', 'What we want'],
  ['whatWeWillDo', 'What we will do'],
  ['whereAreWeNow', 'Where are we now'],
  ['whatWeWillSee', 'What we will see'],
  ['differenceThisWillMake', 'The difference this will make'],
] as const;
type FieldKey = (typeof FIELDS)[number][0];

const HEADING = /^(Recommendation|Priority|Workstream|Area for improvement)\s+([0-9]+[a-z]?|[IVXLC]+)\s*$/i;
const HEADER = /^(Title|Id|Area):\s*(.+)$/i;
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z(])/;
const NUMBER_IN_WORDS = /\b[A-Za-z]+ \((\d+)\) ([A-Za-z]+)/;

export interface LabelledTextOptions {
  id?: string;
  title?: string;
  area?: string;
}

interface OutcomeDraft {
  line: number;
  fields: Partial<Record<FieldKey, string>>;
  current: FieldKey;
}

interface PriorityDraft {
  line: number;
  title: string;
  finding: string[];
  outcomes: OutcomeDraft[];
}

function labelOf(line: string): { key: FieldKey; rest: string } | undefined {
  for (const [key, label] of FIELDS) {
    if (line.toLowerCase().startsWith(`${label.toLowerCase()}:`)) return { key, rest: line.slice(label.length + 1).trim() };
  }
  return undefined;
}

export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(SENTENCE_END))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
}

/** Reads a labelled-text plan; throws PlanFileError listing every problem with its line number. */
export function parseLabelledText(source: string, options: LabelledTextOptions = {}): PlanDocumentInput {
  const problems: PlanProblem[] = [];
  const header: Record<string, string> = {};
  const priorities: PriorityDraft[] = [];
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);

  lines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    const line = rawLine.trim();
    if (line === '') return;
    const priority = priorities.at(-1);
    const heading = HEADING.exec(line);
    const label = labelOf(line);
    if (heading) {
      priorities.push({ line: lineNo, title: line, finding: [], outcomes: [] });
    } else if (!priority) {
      const h = HEADER.exec(line);
      if (h) header[h[1]!.toLowerCase()] = h[2]!.trim();
      else problems.push({ location: `line ${lineNo}`, message: 'expected a heading such as "Recommendation 2" before any other text' });
    } else if (label) {
      const expected = FIELDS.findIndex(([key]) => key === label.key);
      const outcome = priority.outcomes.at(-1);
      if (label.key === 'whatWeWant') {
        priority.outcomes.push({ line: lineNo, fields: { whatWeWant: label.rest }, current: 'whatWeWant' });
      } else if (!outcome) {
        problems.push({ location: `line ${lineNo}`, message: `"${FIELDS[expected]![1]}:" must come after "What we want:"` });
      } else if (outcome.fields[label.key] !== undefined) {
        problems.push({ location: `line ${lineNo}`, message: `"${FIELDS[expected]![1]}:" appears twice in the outcome that starts on line ${outcome.line}` });
      } else {
        outcome.fields[label.key] = label.rest;
        outcome.current = label.key;
      }
    } else {
      const outcome = priority.outcomes.at(-1);
      if (outcome) outcome.fields[outcome.current] = `${outcome.fields[outcome.current] ?? ''}\n${line}`.trim();
      else priority.finding.push(line);
    }
  });

  if (priorities.length === 0 && problems.length === 0) {
    problems.push({ location: 'line 1', message: 'no heading such as "Recommendation 2" was found' });
  }
  for (const priority of priorities) {
    if (priority.outcomes.length === 0) {
      problems.push({ location: `line ${priority.line}`, message: `"${priority.title}" has no outcome (no "What we want:" line)` });
    }
    for (const outcome of priority.outcomes) {
      for (const [key, label] of FIELDS) {
        if (!outcome.fields[key]?.trim()) {
          problems.push({ location: `line ${outcome.line}`, message: `the outcome that starts here has no "${label}:" text` });
        }
      }
    }
  }
  if (problems.length > 0) throw new PlanFileError(problems);

  const title = options.title ?? header.title ?? priorities.map((p) => p.title).join('; ');
  let actionNumber = 0;
  return {
    format: 'send-outcomes/plan@1',
    id: options.id ?? header.id ?? slugify(title),
    title,
    ...((options.area ?? header.area) ? { area: options.area ?? header.area } : {}),
    actionRefPrefixes: { A: 'Action, from "What we will do"' },
    priorities: priorities.map((priority) => ({
      kind: /^recommendation/i.test(priority.title) ? 'recommendation' : /^workstream/i.test(priority.title) ? 'workstream' : 'priority',
      title: priority.title,
      ...(priority.finding.length > 0 ? { finding: priority.finding.join('\n') } : {}),
      outcomes: priority.outcomes.map(({ fields }) => {
        const actions = splitSentences(fields.whatWeWillDo ?? '');
        const refs = actions.map(() => `A${++actionNumber}`);
        return {
          statement: fields.whatWeWant!,
          ...fields,
          actionRefs: refs,
          measures: splitSentences(fields.whatWeWillSee ?? '').map((description) => ({
            description,
            baseline: baselineFrom(fields.whereAreWeNow!),
          })),
        };
      }),
    })),
    actions: priorities.flatMap((priority) => priority.outcomes).flatMap(({ fields }) => splitSentences(fields.whatWeWillDo ?? '')).map((title, i) => ({ ref: `A${i + 1}`, title })),
  };
}

/** "Where are we now" is the baseline; a count written "Eight (8) schools" is read as 8 schools. */
function baselineFrom(text: string): { text: string; value?: number; unit?: string } {
  const count = NUMBER_IN_WORDS.exec(text);
  return count ? { text, value: Number(count[1]), unit: count[2]!.toLowerCase() } : { text };
}
