import { parseArgs } from 'node:util';
import type { Container } from '../container.ts';

/** Help for the sso commands, for the CLI's usage text. */
export const SSO_USAGE = `  sso add --partnership <slug> --slug <slug> --name <display name> --issuer <url>
      --client-id <id> --client-secret <secret> --org <organisation> --domain <domain> [--domain ...]
      [--role viewer]                Add an OpenID Connect single sign-on connection: people whose
                                     verified email is in one of the domains can sign in; new people
                                     join the organisation with the role (default viewer)
  sso list [--json]                  List the connections (never the client secrets)`;

/** Wrong or missing arguments: the caller prints the message with the usage text (exit code 2). */
export class SsoUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SsoUsageError';
  }
}

const REQUIRED = ['partnership', 'slug', 'name', 'issuer', 'client-id', 'client-secret', 'org'] as const;

/**
 * `send-outcomes sso add|list ...`: `args` are the words after "sso"; command output goes to `out`.
 * Throws SsoUsageError for bad arguments and AccountsError (with a message to print) when the
 * connection is refused; nothing is written then.
 */
export async function runSsoCommand(container: Container, args: string[], out: (text: string) => void): Promise<void> {
  const [sub, ...rest] = args;
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      allowPositionals: false,
      options: {
        json: { type: 'boolean', default: false },
        partnership: { type: 'string' },
        slug: { type: 'string' },
        name: { type: 'string' },
        issuer: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        org: { type: 'string' },
        domain: { type: 'string', multiple: true },
        role: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new SsoUsageError((error as Error).message);
  }

  if (sub === 'add') {
    const missing = REQUIRED.filter((name) => !values[name]);
    if (missing.length > 0) throw new SsoUsageError(`sso add needs ${missing.map((m) => `--${m}`).join(', ')}`);
    if (!values.domain?.length) throw new SsoUsageError('sso add needs at least one --domain (the email domain people sign in with)');
    await container.sso.addConnection(
      {
        partnershipSlug: values.partnership!,
        slug: values.slug!,
        displayName: values.name!,
        issuer: values.issuer!,
        clientId: values['client-id']!,
        clientSecret: values['client-secret']!,
        organisation: values.org!,
        domains: values.domain,
        ...(values.role ? { role: values.role } : {}),
      },
      'command line',
    );
    out(`Added the connection "${values.slug}": people with a verified email at ${values.domain.join(', ')} can sign in at /sign-in/sso/${values.slug}.`);
    out(`Register this redirect URI with the provider: <this service's address>/sign-in/sso/${values.slug}/callback`);
  } else if (sub === 'list') {
    const connections = await container.sso.describeConnections();
    if (values.json) out(JSON.stringify(connections, null, 2));
    else out(connections.map((c) => `${c.partnership}\t${c.slug}\t${c.displayName}\t${c.issuer}\t${c.emailDomains.join(',')}\t${c.organisation}\t${c.defaultRole}`).join('\n') || 'No single sign-on connections.');
  } else {
    throw new SsoUsageError(`Unknown command "sso ${sub ?? ''}".`);
  }
}
