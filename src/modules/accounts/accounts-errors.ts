/** A refusal from the accounts module: a stable code, a GOV.UK-style message and an HTTP status. */
export class AccountsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'AccountsError';
  }
}
