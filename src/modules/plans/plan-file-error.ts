/** One thing wrong with a plan file: where (line, or path in the plan) and what was expected. */
export interface PlanProblem {
  location: string;
  message: string;
}

/** A plan file that cannot be imported; nothing has been written. */
export class PlanFileError extends Error {
  readonly code = 'plan-file-invalid';
  readonly status = 400;
  constructor(readonly problems: PlanProblem[]) {
    super(
      `The plan file cannot be imported (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.location}: ${p.message}`).join('\n'),
    );
    this.name = 'PlanFileError';
  }
}
