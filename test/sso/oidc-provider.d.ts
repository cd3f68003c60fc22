// oidc-provider ships no types: just the parts the single sign-on tests use.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface Interaction {
    uid: string;
    params: Record<string, unknown>;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export interface TokenContext {
    oidc: { client?: { clientId: string } };
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: 'grant.success', listener: (ctx: TokenContext) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    readonly Grant: new (properties: { accountId: string; clientId: string }) => Grant;
  }

  export default Provider;
}
