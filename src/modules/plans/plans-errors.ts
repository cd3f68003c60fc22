/** Errors the plans service throws; each has a stable code and the HTTP status to show. */
export class NotFoundError extends Error {
  readonly code = 'not-found';
  readonly status = 404;
  constructor(what: string) {
    super(`${what} was not found`);
    this.name = 'NotFoundError';
  }
}

export class PlanExistsError extends Error {
  readonly code = 'plan-exists';
  readonly status = 409;
  constructor(slug: string, partnership: string) {
    super(`A plan with id "${slug}" already exists in partnership "${partnership}" (import with --replace to replace it)`);
    this.name = 'PlanExistsError';
  }
}

export class ForbiddenError extends Error {
  readonly code = 'forbidden';
  readonly status = 403;
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}
