/**
 * What the request log keeps of a request: never one-time tokens (password reset, invitation,
 * single sign-on codes), which travel in the address; never cookies or bodies.
 */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const safePath = path.replace(/^\/invitations\/[^/]+/, '/invitations/[redacted]');
  if (!query) return safePath;
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (/token|code|state|session/i.test(key)) params.set(key, '[redacted]');
  return `${safePath}?${params.toString()}`;
}

export const requestSerializers = {
  req: (request: { method: string; url: string; id?: string }) => ({ method: request.method, url: redactUrl(request.url), id: request.id }),
};
