import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { parseLabelledText, type LabelledTextOptions } from './labelled-text-parser.ts';
import { planDocumentSchema, type PlanDocument } from './plan-document.ts';
import { PlanFileError, type PlanProblem } from './plan-file-error.ts';

/** Largest plan file we read: a plan is prose, not data. */
export const MAX_PLAN_FILE_BYTES = 2 * 1024 * 1024;

export type PlanFileFormat = 'plan-file' | 'labelled-text';

export interface ParsedPlanFile {
  format: PlanFileFormat;
  document: PlanDocument;
}

function formatOf(fileName: string): PlanFileFormat | undefined {
  if (/\.(ya?ml|json)$/i.test(fileName)) return 'plan-file';
  if (/\.(txt|text|md)$/i.test(fileName)) return 'labelled-text';
  return undefined;
}

function pathLabel(path: readonly PropertyKey[]): string {
  return path.reduce<string>((label, part) => (typeof part === 'number' ? `${label}[${part}]` : label ? `${label}.${String(part)}` : String(part)), '');
}

/**
 * Reads a plan file: YAML or JSON in the plan-file format, or labelled text (the Southend layout).
 * Every problem is reported with its line (YAML/JSON/text) and path in the plan.
 * @throws PlanFileError with all problems found; the caller writes nothing.
 */
export function parsePlanFile(bytes: Uint8Array | string, fileName: string, options: LabelledTextOptions = {}): ParsedPlanFile {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
  if (size === 0) throw new PlanFileError([{ location: fileName, message: 'the file is empty' }]);
  if (size > MAX_PLAN_FILE_BYTES) {
    throw new PlanFileError([{ location: fileName, message: `the file is ${size} bytes; a plan file can be at most ${MAX_PLAN_FILE_BYTES} bytes` }]);
  }
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PlanFileError([{ location: fileName, message: 'the file is not UTF-8 text (save it as UTF-8 and try again)' }]);
  }
  const format = formatOf(fileName);
  if (!format) {
    throw new PlanFileError([{ location: fileName, message: 'expected a .yaml, .yml or .json plan file, or a .txt labelled-text plan' }]);
  }
  if (format === 'labelled-text') return { format, document: validate(parseLabelledText(text, options), () => undefined) };

  const lineCounter = new LineCounter();
  const yamlDocument = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (yamlDocument.errors.length > 0) {
    throw new PlanFileError(
      yamlDocument.errors.map((error) => {
        const at = error.linePos?.[0];
        return { location: at ? `line ${at.line}, column ${at.col}` : fileName, message: error.message.split('\n')[0] ?? error.message };
      }),
    );
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = yamlDocument.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { format, document: validate(yamlDocument.toJS(), lineOf) };
}

function validate(input: unknown, lineOf: (path: readonly PropertyKey[]) => number | undefined): PlanDocument {
  const result = planDocumentSchema.safeParse(input);
  if (result.success) return result.data;
  throw new PlanFileError(result.error.issues.map((issue) => toProblem(issue, lineOf)));
}

function toProblem(issue: z.core.$ZodIssue, lineOf: (path: readonly PropertyKey[]) => number | undefined): PlanProblem {
  const path = pathLabel(issue.path);
  const line = lineOf(issue.path);
  const location = [line ? `line ${line}` : undefined, path || 'the plan'].filter(Boolean).join(', ');
  let message = issue.message;
  if (issue.code === 'invalid_type') message = `expected ${issue.expected}${issue.input === undefined ? ', but it is missing' : ''}`;
  if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_value' && 'values' in issue) message = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return { location, message };
}
