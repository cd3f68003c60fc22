/** Cookie names and options shared by the security layer and the sign-in routes. */
export const SESSION_COOKIE = 'so_session';
export const VISITOR_COOKIE = 'so_visitor';
export const COOKIE_OPTIONS = { path: '/', httpOnly: true, sameSite: 'lax' as const };

/** A path on this site, safe to redirect to after sign-in; anything else (other sites, //host, \\) becomes "/". */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\r\n\t]/.test(value)) return '/';
  return value.slice(0, 500);
}
