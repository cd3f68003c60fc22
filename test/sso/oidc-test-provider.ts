import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the provider can sign in, with the claims it will assert about them. */
export interface TestAccount {
  email: string;
  emailVerified: boolean;
  name?: string;
}

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface TestProvider {
  issuer: string;
  /** The account the next login at the provider is (the provider's login page, answered for the user). */
  nextLogin: string;
  /** The client id of each successful code exchange at the provider's token endpoint, in order. */
  readonly tokensIssuedTo: string[];
  close(): Promise<void>;
}

/** The provider's storage, in a Map (its built-in one says so on the console at every start). */
function mapAdapter() {
  const store = new Map<string, Record<string, unknown>>();
  return class MapAdapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Record<string, unknown>) {
      store.set(this.key(id), payload);
    }
    async find(id: string) {
      return store.get(this.key(id));
    }
    async findByUid(uid: string) {
      return [...store.entries()].find(([key, value]) => key.startsWith(`${this.model}:`) && value.uid === uid)?.[1];
    }
    async findByUserCode(): Promise<undefined> {
      return undefined;
    }
    async consume(id: string) {
      const payload = store.get(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, value] of store) if (value.grantId === grantId) store.delete(key);
    }
  };
}

/**
 * `aliases` (client id → registered client id): the provider's front door treats requests from the
 * first id as coming from the second client, at the authorization and token endpoints. The provider
 * then issues, and signs, that other client's tokens: an ID token whose `aud` is not the client id
 * the relying party uses. This is how the wrong-audience case gets a genuine token.
 */
function applyAlias(req: IncomingMessage, aliases: Record<string, string>): void {
  const url = new URL(req.url ?? '/', 'http://provider');
  const asked = url.searchParams.get('client_id');
  if (url.pathname === '/auth' && asked && aliases[asked]) {
    url.searchParams.set('client_id', aliases[asked]);
    req.url = `${url.pathname}${url.search}`;
  }
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
  if (url.pathname === '/token' && basic) {
    const [id, ...secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    const target = aliases[decodeURIComponent(id!)];
    if (target) req.headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(target)}:${secret.join(':')}`).toString('base64')}`;
  }
}

/**
 * A real OpenID provider (`oidc-provider`) on 127.0.0.1 at a free port, plain http. Its interaction
 * step (login and consent) is answered programmatically for `nextLogin`; everything else (discovery,
 * authorization with PKCE, the token endpoint, signed ID tokens, JWKS) is the library's own.
 */
export async function startTestProvider(options: { clients: TestClient[]; aliases?: Record<string, string>; accounts: Record<string, TestAccount>; idTokenTtlSeconds?: number }): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

  const provider = new Provider(issuer, {
    adapter: mapAdapter(),
    clients: options.clients,
    findAccount: (_ctx: unknown, id: string) => {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified, name: account.name ?? id }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // put the email claims in the ID token, as most workplace providers do for scope=email
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [jwk] },
    ttl: { IdToken: options.idTokenTtlSeconds ?? 300, AccessToken: 300, Interaction: 600, Session: 3600, Grant: 3600 },
    pkce: { required: () => true },
  });

  const state: TestProvider = {
    issuer,
    nextLogin: '',
    tokensIssuedTo: [],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // fetch keeps connections alive
      }),
  };
  provider.on('grant.success', (ctx) => state.tokensIssuedTo.push(ctx.oidc.client?.clientId ?? '?'));

  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) {
      applyAlias(req, options.aliases ?? {});
      return handle(req, res);
    }
    // the user signs in as `nextLogin` and consents to what was asked
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: state.nextLogin, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: state.nextLogin }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((error: Error) => {
      res.statusCode = 500;
      res.end(`interaction failed: ${error.message}`);
    });
  });
  return state;
}
