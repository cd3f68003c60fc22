import { ORGANISATION_KINDS, ORGANISATION_KIND_LABELS, ROLES, ROLE_LABELS, type AccountsAdministration, type PersonStatus, type SignedIn } from '../accounts/index.ts';
import type { FieldError, FormValues } from './admin-forms.ts';

type Organisations = Awaited<ReturnType<AccountsAdministration['organisations']>>;
type People = Awaited<ReturnType<AccountsAdministration['people']>>;
type Person = Awaited<ReturnType<AccountsAdministration['person']>>;

const ADMIN_CRUMB = { text: 'Administration', href: '/admin' };
const PEOPLE_CRUMB = { text: 'People', href: '/admin/people' };

export const STATUS_TAGS: Record<PersonStatus, { text: string; classes: string }> = {
  active: { text: 'Active', classes: 'govuk-tag--green' },
  disabled: { text: 'Disabled', classes: 'govuk-tag--grey' },
  invited: { text: 'Invited, not signed in yet', classes: 'govuk-tag--blue' },
};

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as GOV.UK writes it, in UK time: "1 April 2025, 14:05". */
export function ukDateTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const part = (type: Intl.DateTimeFormatPartTypes) => dateTimeFormat.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}

const fieldErrorsOf = (errors: FieldError[]) => Object.fromEntries(errors.map((e) => [e.field, e]));

const roleItems = (chosen: string | undefined) => ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role], checked: chosen === role }));

function organisationItems(organisations: { id: string; name: string }[], chosen: string | undefined) {
  return [{ value: '', text: 'Choose an organisation', selected: !chosen }, ...organisations.map((o) => ({ value: o.id, text: o.name, selected: chosen === o.id }))];
}

/** The administration start page: the sections, for the administrator's own partnership. */
export function adminIndexPage(auth: SignedIn) {
  return {
    pageTitle: 'Administration',
    navigation: 'admin',
    partnershipName: auth.partnershipName,
    sections: [
      { href: '/admin/organisations', title: 'Organisations', description: 'The councils, NHS bodies, schools, forums and others in the partnership.' },
      { href: '/admin/people', title: 'People', description: 'Who can sign in, their organisations and roles; invite people, disable accounts and create password reset links.' },
      { href: '/admin/audit', title: 'Audit trail', description: 'Who changed what, and when. Search it or download it as a spreadsheet (CSV).' },
      { href: '/admin/api-tokens', title: 'API tokens', description: 'Tokens that let an organisation’s systems send its data returns through the API; create and revoke them.' },
      { href: '/admin/disclosure', title: 'Disclosure policy', description: 'The smallest count pages may show, so that no child or family can be identified; the floor for every measure.' },
    ],
  };
}

export const ORGANISATION_DONE: Record<string, string> = { added: 'Organisation added' };

export function organisationsPage(auth: SignedIn, organisations: Organisations, state: { form?: FormValues; errors?: FieldError[]; done?: string }) {
  const form = state.form ?? {};
  const errors = state.errors ?? [];
  return {
    pageTitle: 'Organisations',
    navigation: 'admin',
    breadcrumbs: [ADMIN_CRUMB],
    partnershipName: auth.partnershipName,
    banner: ORGANISATION_DONE[state.done ?? ''],
    organisations: organisations.map((o) => ({ ...o, kindLabel: (ORGANISATION_KIND_LABELS as Record<string, string>)[o.kind] ?? o.kind })),
    form,
    errors,
    fieldErrors: fieldErrorsOf(errors),
    kindItems: ORGANISATION_KINDS.map((kind) => ({ value: kind, text: ORGANISATION_KIND_LABELS[kind], checked: form.kind === kind })),
  };
}

export function peoplePage(auth: SignedIn, people: People, organisations: Organisations, state: { form?: FormValues; errors?: FieldError[] }) {
  const form = state.form ?? {};
  const errors = state.errors ?? [];
  return {
    pageTitle: 'People',
    navigation: 'admin',
    breadcrumbs: [ADMIN_CRUMB],
    partnershipName: auth.partnershipName,
    people: people.people.map((p) => ({ ...p, href: `/admin/people/${p.id}`, tag: STATUS_TAGS[p.status], lastSignIn: ukDateTime(p.lastSignInAt) || 'Never' })),
    invitations: people.invitations.map((i) => ({ ...i, tag: STATUS_TAGS.invited, expires: ukDateTime(i.expiresAt) })),
    hasOrganisations: organisations.length > 0,
    form,
    errors,
    fieldErrors: fieldErrorsOf(errors),
    organisationItems: organisationItems(organisations, form.organisation),
    roleItems: roleItems(form.role),
  };
}

export const PERSON_DONE: Record<string, string> = {
  'role-added': 'Role added',
  'role-removed': 'Role removed',
  disabled: 'Account disabled. Their sessions have ended',
  enabled: 'Account enabled',
};

export function personPage(auth: SignedIn, person: Person, organisations: Organisations, state: { form?: FormValues; errors?: FieldError[]; done?: string }) {
  const form = state.form ?? {};
  const errors = state.errors ?? [];
  const base = `/admin/people/${person.id}`;
  return {
    pageTitle: person.displayName,
    navigation: 'admin',
    breadcrumbs: [ADMIN_CRUMB, PEOPLE_CRUMB],
    banner: PERSON_DONE[state.done ?? ''],
    person: { ...person, tag: STATUS_TAGS[person.status], lastSignIn: ukDateTime(person.lastSignInAt) || 'Never' },
    isSelf: person.id === auth.personId,
    memberships: person.memberships.map((m) => ({ ...m, roleLabel: (ROLE_LABELS as Record<string, string>)[m.role] ?? m.role, removeAction: `${base}/memberships/${m.id}/remove` })),
    actions: { addRole: `${base}/memberships`, disable: `${base}/disable`, enable: `${base}/enable`, resetLink: `${base}/reset-link` },
    form,
    errors,
    fieldErrors: fieldErrorsOf(errors),
    organisationItems: organisationItems(organisations, form.organisation),
    roleItems: roleItems(form.role),
  };
}

/** The page that shows a new invitation or reset link, once: it is not stored anywhere readable. */
export function linkCreatedPage(kind: 'invitation' | 'password-reset', link: string, email: string, back: { href: string; text: string }, replaced: readonly Date[] = []) {
  const invitation = kind === 'invitation';
  const last = replaced.at(-1);
  return {
    pageTitle: invitation ? (last ? 'New invitation created' : 'Invitation created') : 'Password reset link created',
    /** Re-inviting says so: the earlier link (or links) for this role stopped working. */
    replacedText: last
      ? `${email} had already been invited to this role${replaced.length > 1 ? ` ${replaced.length} times, most recently` : ''} on ${ukDateTime(last)}. That link no longer works: send this new one instead.`
      : '',
    navigation: 'admin',
    breadcrumbs: [ADMIN_CRUMB, PEOPLE_CRUMB],
    invitation,
    link,
    email,
    lifetime: invitation ? '7 days' : '1 hour',
    back,
  };
}

/** The invitation page: what the link offers, and the form to accept it. */
export function invitationPage(invitation: NonNullable<Awaited<ReturnType<AccountsAdministration['invitation']>>>, token: string, state: { form?: FormValues; errors?: FieldError[] }) {
  const errors = state.errors ?? [];
  return {
    pageTitle: invitation.hasAccount ? 'Accept your invitation' : 'Set up your account',
    invitation: { ...invitation, roleLabel: ROLE_LABELS[invitation.role], expires: ukDateTime(invitation.expiresAt) },
    formAction: `/invitations/${encodeURIComponent(token)}`,
    form: { displayName: state.form?.displayName ?? '' },
    errors,
    fieldErrors: fieldErrorsOf(errors),
  };
}
