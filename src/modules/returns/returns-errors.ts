import type { ReturnProblem } from '../../returns-parsing/index.ts';

/** Errors the returns service throws; each has a stable code and the HTTP status to show. */
export class ReturnsError extends Error {
  constructor(
    readonly code: 'not-found' | 'forbidden' | 'conflict' | 'invalid',
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ReturnsError';
  }
}

export const notFound = (what: string) => new ReturnsError('not-found', 404, `${what} was not found`);
export const forbidden = (message: string) => new ReturnsError('forbidden', 403, message);
export const conflict = (message: string) => new ReturnsError('conflict', 409, message);

/** A return's figures or file failed its checks: nothing was saved; each problem names row and column. */
export class ReturnProblemsError extends Error {
  readonly code = 'invalid-return';
  readonly status = 422;
  constructor(readonly problems: ReturnProblem[]) {
    super(`The return has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was saved`);
    this.name = 'ReturnProblemsError';
  }
}
