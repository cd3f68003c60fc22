import type { ReturnProblem } from '../../returns-parsing/index.ts';

/** A casework failure with a stable code and the HTTP status a route would answer with. */
export class CaseworkError extends Error {
  constructor(
    readonly code: 'pseudonym-key-missing' | 'unknown-kind' | 'unknown-partnership' | 'unknown-rule',
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'CaseworkError';
  }
}

/** Thrown inside the import transaction to roll it back when a row fails a check that needs the database. */
export class CaseworkRowsRefused extends Error {
  constructor(readonly problems: ReturnProblem[]) {
    super(`${problems.length} problems`);
    this.name = 'CaseworkRowsRefused';
  }
}
