import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml } from './escape-xml.ts';

describe('escapeXml', () => {
  it('turns the five XML special characters into entities', () => {
    assert.equal(escapeXml(`<a href="x">Tom & Jerry's</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });

  it('escapes an ampersand that already looks like an entity, so text is shown as written', () => {
    assert.equal(escapeXml('&amp;'), '&amp;amp;');
  });

  it('neutralises a script tag in a label', () => {
    assert.equal(escapeXml('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('removes control characters and lone surrogates that XML cannot carry', () => {
    assert.equal(escapeXml('a\u0000b\u0008c\u001Fd\uD800e\uDC00f'), 'abcdef');
  });

  it('keeps tabs, new lines, accented letters and emoji made of surrogate pairs', () => {
    assert.equal(escapeXml('Ynys Môn\t\n😀'), 'Ynys Môn\t\n😀');
  });

  it('gives the empty string for null and undefined', () => {
    assert.equal(escapeXml(null), '');
    assert.equal(escapeXml(undefined), '');
  });
});
