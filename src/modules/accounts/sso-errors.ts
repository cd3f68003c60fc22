/** Why a single sign-on attempt was refused; stable names, recorded in the audit trail as `reason`. */
export type SsoFailure =
  | 'unknown-connection'
  | 'insecure-issuer'
  | 'provider-unavailable'
  | 'transaction-missing'
  | 'state-mismatch'
  | 'provider-refused'
  | 'exchange-failed'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'expired-token'
  | 'nonce-mismatch'
  | 'invalid-token'
  | 'email-missing'
  | 'email-unverified'
  | 'domain-not-allowed'
  | 'other-partnership'
  | 'person-disabled'
  | 'no-membership';

const SERVICE = "Your organisation's sign-in service";
const UNVERIFIABLE = `${SERVICE} sent a sign-in that could not be checked, so you have not been signed in. Try again, or ask your IT team for help.`;

/** What the person is told: plain English, no protocol terms, never a token or claim value. */
const MESSAGES: Record<SsoFailure, { message: string; status: number }> = {
  'unknown-connection': { message: 'There is no organisation sign-in with that name. Go back to the sign-in page and choose again.', status: 404 },
  'insecure-issuer': { message: `${SERVICE} is not set up to use a secure (https) address, so it cannot be used. Ask an administrator to correct it.`, status: 500 },
  'provider-unavailable': { message: `${SERVICE} could not be reached. Try again later.`, status: 502 },
  'transaction-missing': { message: 'Your sign-in took too long or was started in another browser. Go back to the sign-in page and start again.', status: 400 },
  'state-mismatch': { message: 'The reply from your organisation\'s sign-in service did not match the sign-in you started. Go back to the sign-in page and start again.', status: 400 },
  'provider-refused': { message: `${SERVICE} did not sign you in. Go back to the sign-in page and try again.`, status: 400 },
  'exchange-failed': { message: `${SERVICE} did not complete your sign-in. Go back to the sign-in page and try again.`, status: 400 },
  'wrong-issuer': { message: UNVERIFIABLE, status: 400 },
  'wrong-audience': { message: `${SERVICE} sent a sign-in meant for a different service, so you have not been signed in. Ask your IT team to check how this service is set up.`, status: 400 },
  'expired-token': { message: `${SERVICE} sent a sign-in that has already expired. Try again; if it keeps happening, ask your IT team to check the clocks of both services.`, status: 400 },
  'nonce-mismatch': { message: UNVERIFIABLE, status: 400 },
  'invalid-token': { message: UNVERIFIABLE, status: 400 },
  'email-missing': { message: `${SERVICE} did not share your email address, so you have not been signed in. Ask your IT team for help.`, status: 403 },
  'email-unverified': { message: `${SERVICE} did not confirm your email address, so you have not been signed in. Ask your IT team for help.`, status: 403 },
  'domain-not-allowed': { message: 'Your email address is not one that can sign in this way. Sign in with your email address and password, or ask an administrator of your partnership.', status: 403 },
  'other-partnership': { message: 'Your email address belongs to an account in another partnership, so you cannot sign in this way. Ask an administrator of your partnership.', status: 403 },
  'person-disabled': { message: 'Your account has been switched off. Ask an administrator of your partnership.', status: 403 },
  'no-membership': { message: 'Your account has no role in any organisation yet. Ask an administrator of your partnership to add you.', status: 403 },
};

/** A refused single sign-on attempt: `code` says why, `message` is safe to show on the error page. */
export class SsoError extends Error {
  readonly status: number;

  constructor(readonly code: SsoFailure) {
    super(MESSAGES[code].message);
    this.name = 'SsoError';
    this.status = MESSAGES[code].status;
  }
}

/** The `claim` named anywhere in an openid-client / oauth4webapi error's cause chain ('aud', 'exp'...). */
function claimOf(error: unknown): string | undefined {
  for (let e = error as { cause?: unknown; claim?: unknown } | undefined, depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.claim === 'string') return e.claim;
  }
  return undefined;
}

/**
 * Maps what openid-client throws onto our reasons. Only names and codes are read: the causes carry
 * the token's claims, which must not reach the logs or the page.
 */
export function classifyOidcError(error: unknown): SsoFailure {
  if (error instanceof SsoError) return error.code;
  const e = error as { name?: string; code?: string; message?: string };
  if (e.name === 'AuthorizationResponseError') return 'provider-refused';
  if (e.name === 'ResponseBodyError') return 'exchange-failed';
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || (error instanceof TypeError && error.message === 'fetch failed')) return 'provider-unavailable';
  const claim = claimOf(error);
  if (e.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    if (claim === 'aud' || claim === 'azp') return 'wrong-audience';
    if (claim === 'iss') return 'wrong-issuer';
    if (claim === 'nonce') return 'nonce-mismatch';
    return 'invalid-token';
  }
  if (e.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return claim === 'exp' ? 'expired-token' : 'invalid-token';
  if (e.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') return 'wrong-issuer';
  if (e.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || e.code === 'OAUTH_RESPONSE_IS_NOT_JSON') return 'exchange-failed';
  return 'invalid-token';
}
