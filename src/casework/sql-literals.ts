/**
 * Literals for the generated casework SQL. Everything interpolated is either a declared constant (checked
 * here) or a value validated to a strict shape (ISO date, UUID, integer), so the SQL text can be run as it is
 * and compared in expected-SQL tests.
 */
import { isIsoDate } from './calendar-dates.ts';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A column reference `alias.column`, refusing anything but plain identifiers. */
export function column(alias: string, name: string): string {
  if (!IDENTIFIER.test(alias) || !IDENTIFIER.test(name)) throw new Error(`Not a plain identifier: ${alias}.${name}`);
  return `${alias}.${name}`;
}

/** A quoted text literal. */
export function text(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `date 'YYYY-MM-DD'`, refusing anything but a real ISO date. */
export function date(iso: string): string {
  if (!isIsoDate(iso)) throw new Error(`Not an ISO date: ${iso}`);
  return `date '${iso}'`;
}

/** A uuid literal, refusing anything but a UUID. */
export function uuid(value: string): string {
  if (!UUID.test(value)) throw new Error(`Not a UUID: ${value}`);
  return `'${value.toLowerCase()}'::uuid`;
}

/** A whole number. */
export function integer(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

/** A date array literal `'{2025-01-01,...}'::date[]`. */
export function dateArray(isoDates: readonly string[]): string {
  for (const iso of isoDates) if (!isIsoDate(iso)) throw new Error(`Not an ISO date: ${iso}`);
  return `'{${isoDates.join(',')}}'::date[]`;
}
