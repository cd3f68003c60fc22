import { parseArgs } from 'node:util';
import type { Container } from '../container.ts';

export class CliUsageError extends Error {}

/**
 * `send-outcomes users create|reset-link`: bootstraps people without the web. A new person gets
 * no password here (it would sit in shell history); the command prints a one-time link to set one.
 */
export async function runUsersCommand(container: Container, args: string[], baseUrl: string, out: (text: string) => void): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      org: { type: 'string' },
      'org-kind': { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      partnership: { type: 'string' },
      'partnership-name': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (sub === 'create') {
    if (!values.email || !values.org || !values.role) throw new CliUsageError('users create needs --email, --org and --role');
    const partnership = values.partnership ?? (await onlyPartnership(container));
    if (values['partnership-name']) await container.accounts.ensurePartnership(partnership, values['partnership-name']);
    if (values['org-kind'] && !(await container.accounts.organisationExists(partnership, values.org))) {
      await container.accounts.createOrganisation(partnership, { name: values.org, kind: values['org-kind'], area: null }, 'command line');
    }
    const result = await container.accounts.createUser({ partnershipSlug: partnership, email: values.email, displayName: values.name, organisation: values.org, role: values.role, actor: 'command line' });
    const token = await container.accounts.createResetToken(values.email, 'command line');
    const link = `${baseUrl}/reset-password?token=${token}`;
    if (values.json) out(JSON.stringify({ personId: result.personId, created: result.created, setPasswordLink: link }));
    else out(`${result.created ? 'Created' : 'Added a role for'} ${values.email.toLowerCase()} (${values.role}, ${values.org}).\nSet a password (link works once, for 1 hour): ${link}`);
  } else if (sub === 'reset-link') {
    if (!values.email) throw new CliUsageError('users reset-link needs --email');
    const token = await container.accounts.createResetToken(values.email, 'command line');
    out(`${baseUrl}/reset-password?token=${token}`);
  } else {
    throw new CliUsageError(`Unknown command "users ${sub ?? ''}".`);
  }
}

async function onlyPartnership(container: Container): Promise<string> {
  const slugs = await container.accounts.partnershipSlugs();
  if (slugs.length === 1) return slugs[0]!;
  throw new CliUsageError(`Say which partnership with --partnership (one of: ${slugs.join(', ') || 'none yet; add --partnership <slug> --partnership-name <name> to create one'})`);
}
