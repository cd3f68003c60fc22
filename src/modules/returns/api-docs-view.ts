// The /api/docs page: the OpenAPI document (openapi.ts) laid out for people, as GOV.UK tables and
// code examples rendered on the server (no script, no CDN).
import type { JsonSchema, OpenApiDocument, OpenApiMedia, OpenApiOperation, OpenApiParameter, OpenApiResponse } from './openapi.ts';

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

interface Resolver {
  schema(s: JsonSchema): JsonSchema;
  response(r: OpenApiResponse | { $ref: string }): OpenApiResponse;
}

function resolver(doc: OpenApiDocument): Resolver {
  const last = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
  return {
    schema: (s) => (typeof s.$ref === 'string' ? (doc.components.schemas[last(s.$ref)] ?? {}) : s),
    response: (r) => ('$ref' in r ? doc.components.responses[last(r.$ref)]! : r),
  };
}

function typeOf(s: JsonSchema): string {
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const type = Array.isArray(s.type) ? s.type.join(' or ') : typeof s.type === 'string' ? s.type : 'any';
  const item = s.type === 'array' && s.items && typeof (s.items as JsonSchema).type === 'string' ? ` of ${(s.items as JsonSchema).type as string}` : '';
  return `${type}${item}${typeof s.format === 'string' ? ` (${s.format})` : ''}`;
}

function rules(s: JsonSchema): string {
  const out: string[] = [];
  if (typeof s.minLength === 'number') out.push(`at least ${s.minLength} ${s.minLength === 1 ? 'character' : 'characters'}`);
  if (typeof s.maxLength === 'number') out.push(`at most ${s.maxLength.toLocaleString('en-GB')} characters`);
  if (typeof s.minItems === 'number') out.push(`at least ${s.minItems} ${s.minItems === 1 ? 'item' : 'items'}`);
  if (typeof s.maxItems === 'number') out.push(`at most ${s.maxItems.toLocaleString('en-GB')} items`);
  if (typeof s.pattern === 'string') out.push(`matching ${s.pattern}`);
  if (s.additionalProperties === false) out.push('no other fields');
  return out.length > 0 ? ` (${out.join('; ')})` : '';
}

/**
 * A schema as a flat list of fields (`rows[].numerator`). A list item that is one of several forms gets a
 * row naming them; a field every form shares is listed once, the others with their form's title.
 */
export function schemaFields(schema: JsonSchema, resolve: (s: JsonSchema) => JsonSchema, name = '', required = true): FieldRow[] {
  const s = resolve(schema);
  const description = `${typeof s.description === 'string' ? s.description : ''}${rules(s)}`.trim();
  if (Array.isArray(s.anyOf)) {
    const forms = (s.anyOf as JsonSchema[]).map(resolve);
    const titleOf = (f: JsonSchema, i: number) => (typeof f.title === 'string' ? f.title : `Form ${i + 1}`);
    const out: FieldRow[] = [{ name, type: `one of: ${forms.map(titleOf).join(', ')}`, required, description }];
    const perForm = forms.map((f) => schemaFields(f, resolve, name, required).filter((row) => row.name !== name));
    const key = (row: FieldRow) => `${row.name}|${row.type}|${row.description}`;
    const shared = (row: FieldRow) => perForm.every((rows) => rows.some((other) => key(other) === key(row)));
    const listed = new Set<string>();
    perForm.forEach((rows, i) => {
      for (const row of rows) {
        if (!shared(row)) out.push({ ...row, description: `${titleOf(forms[i]!, i)}: ${row.description}` });
        else if (!listed.has(key(row))) {
          listed.add(key(row));
          out.push(row);
        }
      }
    });
    return out;
  }
  const out: FieldRow[] = name ? [{ name, type: typeOf(s), required, description }] : [];
  if (s.type === 'object' && s.properties && typeof s.properties === 'object') {
    const needed = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    for (const [field, child] of Object.entries(s.properties as Record<string, JsonSchema>)) {
      out.push(...schemaFields(child, resolve, name ? `${name}.${field}` : field, needed.has(field)));
    }
  }
  if (s.type === 'array' && s.items && typeof s.items === 'object') {
    const items = resolve(s.items as JsonSchema);
    // an item that is a plain object adds only its fields; one of several forms adds its "one of" row too
    if (Array.isArray(items.anyOf)) out.push(...schemaFields(items, resolve, `${name}[]`, true));
    else if (items.type === 'object') out.push(...schemaFields(items, resolve, `${name}[]`, true).slice(1));
  }
  return out;
}

const isFlat = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x !== 'object' || x === null);

/** JSON indented by 2, except that a list of flat objects (rows of figures) has one object a line. */
export function prettyJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => (isFlat(v) ? `{ ${Object.entries(v as object).map(([k, x]) => `${JSON.stringify(k)}: ${JSON.stringify(x)}`).join(', ')} }` : prettyJson(v, inner)));
    return `[\n${items.map((i) => `${inner}${i}`).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function examplesOf(media: OpenApiMedia | undefined) {
  return Object.entries(media?.examples ?? {}).map(([key, e]) => ({ key, summary: e.summary, description: e.description ?? '', path: e['x-example-path'] ?? '', json: prettyJson(e.value) }));
}

function operationView(doc: OpenApiDocument, r: Resolver, path: string, method: 'get' | 'post', op: OpenApiOperation, shared: OpenApiParameter[]) {
  const body = op.requestBody?.content['application/json'];
  return {
    id: op.operationId,
    method: method.toUpperCase(),
    path,
    summary: op.summary,
    description: op.description,
    scopes: op.security.flatMap((s) => Object.values(s).flat()),
    parameters: [...shared, ...(op.parameters ?? [])].map((p) => ({ name: p.name, where: p.in, required: p.required, description: p.description, example: p.example ?? '' })),
    requestBody: body && op.requestBody ? { description: op.requestBody.description, fields: schemaFields(body.schema, r.schema), examples: examplesOf(body) } : null,
    responses: Object.entries(op.responses).map(([status, raw]) => {
      const response = r.response(raw);
      const media = response.content?.['application/json'];
      return {
        status,
        /** Successes and the 422 list their fields and examples; other errors point to the errors section. */
        detailed: status.startsWith('2') || status === '422',
        description: response.description,
        headers: Object.entries(response.headers ?? {}).map(([name, h]) => ({ name, description: h.description })),
        schemaTitle: media ? String(r.schema(media.schema).title ?? '') : '',
        fields: media ? schemaFields(media.schema, r.schema) : [],
        examples: examplesOf(media),
      };
    }),
  };
}

/** The documentation page's view: the document's operations with their parameters, schemas and examples. */
export function apiDocsPage(doc: OpenApiDocument, origin: string) {
  const r = resolver(doc);
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    (['post', 'get'] as const).flatMap((method) => (item[method] ? [operationView(doc, r, path, method, item[method]!, item.parameters ?? [])] : [])),
  );
  const example = doc.paths['/api/v1/returns/{schedule}/{period}']?.post?.requestBody?.content['application/json']?.examples?.count;
  return {
    pageTitle: 'Data returns API',
    info: doc.info,
    security: Object.values(doc.components.securitySchemes)[0]?.description ?? '',
    operations,
    curl: example
      ? `curl --request POST '${origin}${example['x-example-path']}' \\\n  --header 'Authorization: Bearer sot_...' \\\n  --header 'Content-Type: application/json' \\\n  --data '${JSON.stringify(example.value)}'`
      : '',
  };
}
