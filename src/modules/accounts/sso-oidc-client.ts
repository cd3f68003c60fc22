import * as oidc from 'openid-client';
import { SsoError } from './sso-errors.ts';
import type { SsoConnection } from './sso-repository.ts';

/** Hosts where a plain-http issuer is accepted: a provider on this machine (tests, local trials). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Discovery is redone after this long, so a provider's changed endpoints or keys are picked up. */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

export interface OidcClientOptions {
  /**
   * Seconds to add to this machine's clock when checking token times (openid-client's `clockSkew`):
   * positive when our clock is behind the provider's. Default 0.
   */
  clockSkewSeconds?: number;
  /** Timeout for each request to a provider, in seconds. Default 10. */
  timeoutSeconds?: number;
}

/** Why an issuer address cannot be used, or null: https anywhere, http only on this machine. */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'The issuer must be a web address, like https://login.example.org';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return 'The issuer must start with https:// (plain http is allowed only for 127.0.0.1 or localhost)';
}

/** What the browser must bring back to the callback, kept between the two requests (see sso-routes.ts). */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * openid-client for each connection: discovery cached per connection (and per issuer, client id and
 * secret, so an edited connection is rediscovered), PKCE, and the code exchange whose ID token
 * openid-client validates (signature, issuer, audience = client id, expiry, nonce).
 */
export class OidcClients {
  private readonly cache = new Map<string, { fingerprint: string; config: Promise<oidc.Configuration>; loadedAt: number }>();

  constructor(
    private readonly options: OidcClientOptions = {},
    private readonly nowMs: () => number = Date.now,
  ) {}

  private configuration(connection: SsoConnection): Promise<oidc.Configuration> {
    if (issuerProblem(connection.issuer)) throw new SsoError('insecure-issuer');
    const fingerprint = JSON.stringify([connection.issuer, connection.clientId, connection.clientSecret]);
    const cached = this.cache.get(connection.id);
    if (cached && cached.fingerprint === fingerprint && this.nowMs() - cached.loadedAt < DISCOVERY_TTL_MS) return cached.config;
    const issuer = new URL(connection.issuer);
    const metadata: Partial<oidc.ClientMetadata> = { client_secret: connection.clientSecret, [oidc.clockSkew]: this.options.clockSkewSeconds ?? 0 };
    const config = oidc.discovery(issuer, connection.clientId, metadata, oidc.ClientSecretBasic(connection.clientSecret), {
      // issuerProblem has already limited plain http to this machine
      execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      timeout: this.options.timeoutSeconds ?? 10,
    });
    // a failed discovery is not cached: the next attempt tries again
    config.catch(() => {
      if (this.cache.get(connection.id)?.config === config) this.cache.delete(connection.id);
    });
    this.cache.set(connection.id, { fingerprint, config, loadedAt: this.nowMs() });
    return config;
  }

  /** The provider's authorization URL (code flow, PKCE S256, state, nonce) and the checks to keep. */
  async authorizationUrl(connection: SsoConnection, redirectUri: string): Promise<{ url: string; checks: OidcChecks }> {
    const config = await this.configuration(connection);
    const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    return { url: url.href, checks };
  }

  /** Exchanges the code (with the PKCE verifier) and returns the validated ID token's claims. */
  async exchange(connection: SsoConnection, callbackUrl: URL, checks: OidcChecks): Promise<oidc.IDToken> {
    const config = await this.configuration(connection);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new SsoError('invalid-token');
    return claims;
  }
}
