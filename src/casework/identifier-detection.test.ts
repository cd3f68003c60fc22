import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifierHeadingKind, identifierValueKind, isValidNhsNumber } from './identifier-detection.ts';
import { createPseudonymiser, normaliseIdentifier, shortPseudonym } from './pseudonym.ts';
import { RECORD_KINDS } from './record-kinds.ts';

describe('recognising personal identifiers in an upload', () => {
  it('reads headings that name a person, an address, a date of birth, a UPN, an NHS number or contact details', () => {
    const cases: [string, string | null][] = [
      ['Forename', 'name'], ['SURNAME', 'name'], ['Child name', 'name'], ['first_name', 'name'], ['Name', 'name'],
      ['Address line 1', 'address'], ['Post code', 'address'], ['Postcode', 'address'],
      ['Date of birth', 'date-of-birth'], ['DOB', 'date-of-birth'], ['D.O.B.', 'date-of-birth'], ['Birth date', 'date-of-birth'],
      ['UPN', 'upn'], ['Unique Pupil Number', 'upn'], ['ULN', 'upn'],
      ['NHS number', 'nhs-number'], ['NHS No.', 'nhs-number'], ['nhs_no', 'nhs-number'],
      ['Parent email', 'contact'], ['Mobile', 'contact'], ['NI number', 'national-insurance'],
      ['Area', null], ['Provider', null], ['NHS trust', null], ['Received date', null], ['Person ID', null],
    ];
    for (const [heading, kind] of cases) assert.equal(identifierHeadingKind(heading), kind, heading);
  });

  it('never mistakes one of our own headings for an identifier', () => {
    for (const declaration of Object.values(RECORD_KINDS)) {
      for (const field of declaration.fields) assert.equal(identifierHeadingKind(field.heading), null, field.heading);
    }
  });

  it('checks NHS numbers with the modulus 11 algorithm (NHS Data Dictionary)', () => {
    assert.equal(isValidNhsNumber('9434765919'), true); // the NHS's published example number
    assert.equal(isValidNhsNumber('9434765918'), false);
    assert.equal(isValidNhsNumber('0000000000'), true);
    assert.equal(isValidNhsNumber('943476591'), false);
  });

  it('finds a UPN (letter and 12 characters) or a valid NHS number in a cell, written with spaces or inside text', () => {
    assert.equal(identifierValueKind('A123456789012'), 'upn');
    assert.equal(identifierValueKind('ref A12345678901B'), 'upn');
    assert.equal(identifierValueKind('943 476 5919'), 'nhs-number');
    assert.equal(identifierValueKind('943-476-5919'), 'nhs-number');
    assert.equal(identifierValueKind(9434765919), 'nhs-number');
    assert.equal(identifierValueKind('9434765918'), null);
    assert.equal(identifierValueKind('North'), null);
    assert.equal(identifierValueKind('RQ3'), null);
  });
});

describe('keyed-hash pseudonyms (HMAC-SHA256)', () => {
  const pseudonymise = createPseudonymiser('k'.repeat(32));

  it('gives the same person the same pseudonym however the identifier is spaced or cased', () => {
    assert.equal(normaliseIdentifier(' 943 476-5919 '), '9434765919');
    assert.equal(pseudonymise('p1', 'person', '943 476 5919'), pseudonymise('p1', 'person', '9434765919'));
    assert.match(pseudonymise('p1', 'person', 'x'), /^[0-9a-f]{64}$/);
    assert.equal(shortPseudonym(pseudonymise('p1', 'person', 'x')).length, 10);
  });

  it('differs between partnerships, purposes and keys, so nothing links across tenants or without the key', () => {
    const person = pseudonymise('p1', 'person', '9434765919');
    assert.notEqual(person, pseudonymise('p2', 'person', '9434765919'));
    assert.notEqual(person, pseudonymise('p1', 'record', '9434765919'));
    assert.notEqual(person, createPseudonymiser('j'.repeat(32))('p1', 'person', '9434765919'));
  });

  it('refuses a key shorter than 32 characters', () => {
    assert.throws(() => createPseudonymiser('short'), /at least 32 characters/);
  });
});
