import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byClass, parseXml, textOf } from './test-support.ts';

describe('parseXml (the well-formedness check used by the chart tests)', () => {
  it('parses nested elements, attributes, self-closing tags and entities', () => {
    const root = parseXml(`<svg a="1" b='2'><g class="x y"><path d="M0 0"/></g><text>A &amp; B &lt;3 &#65;&#x42;</text><!-- note --></svg>`);
    assert.equal(root.name, 'svg');
    assert.deepEqual(root.attributes, { a: '1', b: '2' });
    assert.equal(byClass(root, 'y').length, 1);
    assert.equal(textOf(root), 'A & B <3 AB');
  });

  it('rejects malformed documents', () => {
    const bad = [
      '<svg><g></svg>',
      '<svg></g>',
      '<svg>',
      '<svg>Tom & Jerry</svg>',
      '<svg a=1></svg>',
      '<svg a="1" a="2"></svg>',
      '<svg a="x<y"></svg>',
      '<svg a="1"b="2"></svg>',
      '<svg/><svg/>',
      'text<svg/>',
      '<svg>&nbsp;</svg>',
      '<svg>\u0001</svg>',
      '<!DOCTYPE svg><svg/>',
      '',
    ];
    for (const text of bad) assert.throws(() => parseXml(text), SyntaxError, JSON.stringify(text));
  });
});
