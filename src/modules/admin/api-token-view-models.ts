// The API token pages of the administration: the list with its "create" form, the token shown once, and revoking.
import type { SignedIn } from '../accounts/index.ts';
import type { ApiTokens } from '../returns/index.ts';
import type { FieldError, FormResult, FormValues } from './admin-forms.ts';
import { ukDateTime } from './admin-view-models.ts';

type TokenRows = Awaited<ReturnType<ApiTokens['list']>>;

const ADMIN_CRUMB = { text: 'Administration', href: '/admin' };
const TOKENS_CRUMB = { text: 'API tokens', href: '/admin/api-tokens' };
export const MAX_TOKEN_NAME_LENGTH = 100;

export const TOKEN_DONE: Record<string, string> = { revoked: 'API token revoked: it no longer works' };

/** The "Create an API token" form: one of the partnership's organisations and a name saying what uses it. */
export function validateApiToken(form: FormValues, organisationIds: readonly string[]): FormResult<{ organisationId: string; name: string }> {
  const errors: FieldError[] = [];
  const organisationId = (form.organisation ?? '').trim();
  const name = (form.name ?? '').trim();
  if (!organisationIds.includes(organisationId)) errors.push({ field: 'organisation', href: '#organisation', text: 'Select the organisation the token sends returns for' });
  if (name === '') errors.push({ field: 'name', href: '#name', text: 'Enter a name for the token, saying what will use it' });
  else if (name.length > MAX_TOKEN_NAME_LENGTH) errors.push({ field: 'name', href: '#name', text: `Name must be ${MAX_TOKEN_NAME_LENGTH} characters or fewer` });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { organisationId, name } };
}

export function apiTokensPage(auth: SignedIn, tokens: TokenRows, organisations: { id: string; name: string }[], state: { form?: FormValues; errors?: FieldError[]; done?: string }) {
  const form = state.form ?? {};
  const errors = state.errors ?? [];
  return {
    pageTitle: 'API tokens',
    navigation: 'admin',
    breadcrumbs: [ADMIN_CRUMB],
    partnershipName: auth.partnershipName,
    banner: TOKEN_DONE[state.done ?? ''],
    tokens: tokens.map((t) => ({
      name: t.name,
      organisation: t.organisation_name,
      prefix: `sot_${t.token_prefix}_…`,
      created: `${ukDateTime(t.created_at)} by ${t.created_by}`,
      lastUsed: ukDateTime(t.last_used_at) || 'Never',
      revoked: ukDateTime(t.revoked_at),
      revokeHref: t.revoked_at ? null : `/admin/api-tokens/${t.id}/revoke`,
    })),
    hasOrganisations: organisations.length > 0,
    form,
    errors,
    fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e])),
    organisationItems: [{ value: '', text: 'Choose an organisation', selected: !form.organisation }, ...organisations.map((o) => ({ value: o.id, text: o.name, selected: form.organisation === o.id }))],
  };
}

/** The page that shows a new token, once: only its SHA-256 is stored. */
export function apiTokenCreatedPage(token: string, name: string, organisation: string) {
  return { pageTitle: 'API token created', navigation: 'admin', breadcrumbs: [ADMIN_CRUMB, TOKENS_CRUMB], token, name, organisation };
}

export function revokeApiTokenPage(token: TokenRows[number]) {
  return {
    pageTitle: 'Revoke this API token?',
    navigation: 'admin',
    breadcrumbs: [ADMIN_CRUMB, TOKENS_CRUMB],
    token: { name: token.name, organisation: token.organisation_name, prefix: `sot_${token.token_prefix}_…`, lastUsed: ukDateTime(token.last_used_at) || 'Never' },
    action: `/admin/api-tokens/${token.id}/revoke`,
  };
}
