// The OpenAPI 3.1 description of the data returns API, served at /api/openapi.json and rendered at /api/docs.
// The request body's schema comes from the zod schema the API validates with, so the two cannot drift;
// the responses are written out here.
import { z } from 'zod';
import { returnBodyDocumented } from './returns-api-schema.ts';

/** A JSON Schema (draft 2020-12, which OpenAPI 3.1 uses). */
export type JsonSchema = { [key: string]: unknown };

export interface OpenApiExample {
  summary: string;
  description?: string;
  value: unknown;
  /** Where the example is sent, on an installation with the example data loaded. */
  'x-example-path'?: string;
}

export interface OpenApiMedia {
  schema: JsonSchema;
  examples?: Record<string, OpenApiExample>;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, OpenApiMedia>;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description: string;
  schema: JsonSchema;
  example?: string;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; description: string; content: Record<string, OpenApiMedia> };
  responses: Record<string, OpenApiResponse | { $ref: string }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, { parameters?: OpenApiParameter[]; get?: OpenApiOperation; post?: OpenApiOperation }>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; description: string }>;
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** An object schema whose every property is always present (the answers below always carry them all). */
const object = (properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({ type: 'object', ...extra, required: Object.keys(properties), properties });
const json = (schema: JsonSchema, examples?: Record<string, OpenApiExample>) => ({ 'application/json': { schema, ...(examples ? { examples } : {}) } });
const SECURITY = [{ bearerToken: ['returns:write'] }];
const STATUS = { type: 'string', enum: ['not-started', 'draft', 'submitted', 'approved', 'returned'], description: 'Where the return is: draft (saved, not sent), submitted (waiting for an analyst), approved, or returned (sent back with a reason).' };
const PERIOD = { type: 'string', description: 'The reporting period: 2025-04 (a month), 2025-Q2 (a quarter) or 2025 (a year), as the schedule is.', examples: ['2025-Q1'] };

const LINKS = object({ self: { type: 'string', description: 'The address of the return.' }, docs: { type: 'string' } });

const errorSchema = object(
  {
    error: { type: 'string', description: 'A stable code: unauthorised, forbidden, not-found, invalid, invalid-json, conflict, too-large, unsupported-media-type, rate-limited, internal-error.' },
    message: { type: 'string', description: 'What went wrong, in words to show a person.' },
  },
  { title: 'Error' },
);

const problemsSchema = object(
  {
    error: { const: 'invalid-return' },
    message: { type: 'string' },
    problems: {
      type: 'array',
      description: 'Every problem found (the first 200, then a count of the rest). Nothing was saved.',
      items: object({
        path: { type: 'string', description: 'A JSON pointer to what is wrong, such as /rows/3/numerator; /rows for the return as a whole.' },
        message: { type: 'string' },
      }),
    },
  },
  { title: 'Invalid return' },
);

const savedSchema = object(
  {
    return: object({ schedule: { type: 'string' }, period: PERIOD, status: STATUS, revision: { type: 'integer', description: 'The new revision: every save or submission is kept.' } }),
    links: LINKS,
  },
  { title: 'Return saved' },
);

const stateSchema = object(
  {
    return: object({
      schedule: { type: 'string' },
      period: PERIOD,
      label: { type: 'string', description: 'The period as measure series show it: Apr 2025, 2025 Q2, 2025.' },
      status: STATUS,
      revision: { type: 'integer', description: '0 when nothing has been sent yet.' },
      dueOn: { type: 'string', format: 'date' },
      overdue: { type: 'boolean', description: 'The due date has passed and nothing has been submitted.' },
      note: { type: 'string' },
      returnedReason: { type: ['string', 'null'], description: 'Why an analyst sent it back, when they did.' },
      rows: { type: 'array', description: 'The current figures, in the row shape they are sent in; the total first.', items: { type: 'object' } },
      history: { type: 'array', description: 'Every revision and review, oldest first.', items: object({ revision: { type: 'integer' }, action: { enum: ['saved', 'submitted', 'approved', 'returned'] }, channel: { enum: ['form', 'upload', 'api', 'command-line', 'review'] }, at: { type: 'string', format: 'date-time' } }) },
    }),
    links: LINKS,
  },
  { title: 'Return' },
);

const schedulesSchema = object(
  {
    organisation: object({ name: { type: 'string' } }),
    schedules: {
      type: 'array',
      items: object({
        schedule: { type: 'string', description: 'The schedule name used in the returns address.' },
        measure: object({ slug: { type: 'string' }, title: { type: 'string' }, unit: { type: ['string', 'null'] } }),
        grain: { enum: ['month', 'quarter', 'year'] },
        shape: { enum: ['ratio', 'count', 'value'], description: 'Which row shape the return takes.' },
        breakdown: { type: ['string', 'null'], description: 'The breakdown supplied beside the total (area, provider ...), or null.' },
        breakdownValues: { type: 'array', items: { type: 'string' }, description: 'Every value that needs a row; empty with a breakdown means any value.' },
        deadlineDays: { type: 'integer', description: 'Days after the period ends that the return is due.' },
        guidance: { type: 'string' },
        obligations: {
          type: 'array',
          description: 'Every period that has ended, with its due date and status.',
          items: object({ period: PERIOD, label: { type: 'string' }, dueOn: { type: 'string', format: 'date' }, status: STATUS, overdue: { type: 'boolean' }, revision: { type: 'integer' }, links: object({ self: { type: 'string' } }) }),
        },
      }),
    },
    links: object({ docs: { type: 'string' } }),
  },
  { title: 'Schedules' },
);

/** Request bodies that the example schedules (loaded with the example plans) accept. */
export const REQUEST_EXAMPLES: Record<string, OpenApiExample> = {
  ratio: {
    summary: 'A ratio return with a breakdown, submitted for review',
    description: 'Advice timeliness by provider for 2025 Q1, from Essex County Council.',
    'x-example-path': '/api/v1/returns/advice-timeliness-by-provider/2025-Q1',
    value: {
      rows: [
        { breakdown: 'Total', numerator: 60, denominator: 90 },
        { breakdown: 'Educational psychology', numerator: 20, denominator: 30 },
        { breakdown: 'Health', numerator: 25, denominator: 30 },
        { breakdown: 'Social care', numerator: 15, denominator: 30 },
      ],
      note: 'Health figure provisional: two late reports are being checked.',
      submit: true,
    },
  },
  count: {
    summary: 'A count with no breakdown, saved as a draft',
    description: 'Local offer website users for May 2025, from Essex County Council.',
    'x-example-path': '/api/v1/returns/local-offer-users/2025-05',
    value: { rows: [{ count: 1843 }], submit: false },
  },
  value: {
    summary: 'A value return by area, submitted',
    description: 'Median assessment waits in weeks by area for April 2025, from NHS Mid and South Essex ICB.',
    'x-example-path': '/api/v1/returns/assessment-waits-by-area/2025-04',
    value: {
      rows: [
        { breakdown: 'Total', value: 18.5 },
        { breakdown: 'North', value: 16 },
        { breakdown: 'Mid', value: 21.5 },
        { breakdown: 'South', value: 17 },
        { breakdown: 'West', value: 19 },
      ],
      submit: true,
    },
  },
};

const requestBodySchema = (): JsonSchema => {
  const { $schema: _dropped, ...schema } = z.toJSONSchema(returnBodyDocumented, { target: 'draft-2020-12', io: 'input' }) as JsonSchema;
  return schema;
};

const refused = (description: string, challenge?: string): OpenApiResponse => ({
  description,
  ...(challenge ? { headers: { 'WWW-Authenticate': { description: challenge, schema: { type: 'string' } } } } : {}),
  content: json(ref('Error')),
});

/** The OpenAPI 3.1 document of the data returns API. */
export function openApiDocument(): OpenApiDocument {
  const returnParameters: OpenApiParameter[] = [
    { name: 'schedule', in: 'path', required: true, description: 'The return schedule, as GET /api/v1/schedules lists it.', schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }, example: 'advice-timeliness-by-provider' },
    { name: 'period', in: 'path', required: true, description: PERIOD.description, schema: { type: 'string' }, example: '2025-Q1' },
  ];
  const common = { '401': { $ref: '#/components/responses/Unauthorised' }, '403': { $ref: '#/components/responses/Forbidden' }, '429': { $ref: '#/components/responses/RateLimited' } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'SEND Outcomes data returns API',
      version: '1.0.0',
      description: 'Send the figures your organisation owes the partnership (its data returns) from your own systems, as JSON. Each request carries an API token for one organisation; a partnership administrator creates it. Every return lands whole or not at all, and every save is kept as a revision.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This installation' }],
    tags: [{ name: 'Data returns', description: 'What your organisation owes, and sending it.' }],
    paths: {
      '/api/v1/schedules': {
        get: {
          operationId: 'listSchedules',
          summary: 'List what your organisation supplies and owes',
          description: "The return schedules of the token's organisation, each with every period that has ended: its due date, status and revision.",
          tags: ['Data returns'],
          security: SECURITY,
          responses: { '200': { description: 'The schedules and what is owed', content: json(ref('Schedules')) }, ...common },
        },
      },
      '/api/v1/returns/{schedule}/{period}': {
        parameters: returnParameters,
        get: {
          operationId: 'getReturn',
          summary: 'Read a return',
          description: 'Its status, current figures and revisions. A period with nothing sent yet is "not-started" with no rows.',
          tags: ['Data returns'],
          security: SECURITY,
          responses: {
            '200': { description: 'The return', content: json(ref('ReturnState')) },
            '400': refused('The period is not one of this schedule'),
            ...common,
            '404': { $ref: '#/components/responses/NotFound' },
          },
        },
        post: {
          operationId: 'sendReturn',
          summary: 'Send a return',
          description: 'Saves the figures as a new revision, as a draft or submitted for review ("submit": true). The figures are checked as the form and the spreadsheet upload check them; if anything is wrong, nothing is saved and every problem is listed with its path. A submitted return cannot be changed until an analyst approves it or sends it back. Bodies up to 64 MB (250,000 rows).',
          tags: ['Data returns'],
          security: SECURITY,
          requestBody: { required: true, description: 'The figures. Use the row shape of the schedule (GET /api/v1/schedules gives its shape).', content: json(ref('ReturnBody'), REQUEST_EXAMPLES) },
          responses: {
            '201': { description: 'Saved as a new revision', headers: { Location: { description: 'The address of the return', schema: { type: 'string' } } }, content: json(ref('ReturnSaved'), { saved: { summary: 'Submitted', value: { return: { schedule: 'advice-timeliness-by-provider', period: '2025-Q1', status: 'submitted', revision: 1 }, links: { self: '/api/v1/returns/advice-timeliness-by-provider/2025-Q1', docs: '/api/docs' } } } }) },
            '400': refused('The body is not valid JSON, or the period is not one of this schedule'),
            ...common,
            '404': { $ref: '#/components/responses/NotFound' },
            '409': refused('The return has been submitted and is waiting for review: it cannot be changed until it is approved or returned'),
            '413': refused('The body is larger than 64 MB'),
            '415': refused('The body is not JSON (Content-Type: application/json)'),
            '422': {
              description: 'The figures failed their checks; nothing was saved',
              content: json(ref('InvalidReturn'), {
                problems: {
                  summary: 'A numerator above its denominator, and a missing row',
                  value: {
                    error: 'invalid-return',
                    message: 'The return has 2 problems; nothing was saved',
                    problems: [
                      { path: '/rows/2/numerator', message: 'Provider "Health": the numerator (31) cannot be more than the denominator (30)' },
                      { path: '/rows', message: 'There is no row for Provider "Social care"' },
                    ],
                  },
                },
              }),
            },
          },
        },
      },
    },
    components: {
      schemas: { ReturnBody: requestBodySchema(), ReturnSaved: savedSchema, ReturnState: stateSchema, Schedules: schedulesSchema, InvalidReturn: problemsSchema, Error: errorSchema },
      responses: {
        Unauthorised: refused('No API token was sent, or it is not valid (mistyped or revoked)', 'Bearer realm="send-outcomes", with error="invalid_token" when a token was sent but is not valid (RFC 6750).'),
        Forbidden: refused("The token's organisation does not supply this schedule, or the token lacks the scope returns:write", 'Bearer realm="send-outcomes", error="insufficient_scope", scope="returns:write" when the token lacks the scope (RFC 6750).'),
        NotFound: refused('There is no such schedule in your partnership'),
        RateLimited: refused('Too many requests from your address in a minute: wait and try again'),
      },
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token for one organisation (sot_...), sent as "Authorization: Bearer <token>". A partnership administrator creates it under Administration, API tokens; it is shown once.' },
      },
    },
  };
}
