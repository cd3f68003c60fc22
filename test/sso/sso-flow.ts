import { mergeCookies } from '../helpers/sign-in.ts';
import type { TestProvider } from './oidc-test-provider.ts';

/** Where a single sign-on attempt ended: our callback's answer, and the app's cookies after it. */
export interface FlowResult {
  status: number;
  body: string;
  location: string | null;
  cookies: string;
}

/**
 * Signs in as `login` at the provider like a browser would: from our "Sign in with ..." link, following
 * redirects by hand with cookies kept per origin, up to our callback's answer. `tamper` may change the
 * callback URL; `dropAppCookies` arrives at the callback without our cookies (another browser).
 */
export async function ssoSignIn(provider: TestProvider, appUrl: string, connection: string, login: string, options: { returnTo?: string; tamper?: (callback: URL) => void; dropAppCookies?: boolean } = {}): Promise<FlowResult> {
  provider.nextLogin = login;
  const jars = new Map<string, string>();
  let url = new URL(`${appUrl}/sign-in/sso/${connection}?returnTo=${encodeURIComponent(options.returnTo ?? '/account')}`);
  for (let hop = 0; hop < 12; hop++) {
    const isCallback = url.origin === appUrl && url.pathname === `/sign-in/sso/${connection}/callback`;
    if (isCallback) {
      options.tamper?.(url);
      if (options.dropAppCookies) jars.delete(url.origin);
    }
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jars.get(url.origin) ?? '' } });
    jars.set(url.origin, mergeCookies(jars.get(url.origin) ?? '', res.headers.getSetCookie()));
    const body = await res.text();
    const location = res.headers.get('location');
    if (isCallback || !location) return { status: res.status, body, location, cookies: jars.get(appUrl) ?? '' };
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}

/** A GET with the given cookies, redirects not followed. */
export async function getPage(appUrl: string, path: string, cookies: string) {
  const res = await fetch(`${appUrl}${path}`, { redirect: 'manual', headers: { cookie: cookies } });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}
