/**
 * Test helpers for the SVG charts: a small strict XML parser (so tests prove the
 * output is well-formed without an XML dependency) and the accessibility checks
 * every chart must pass. Not exported from index.ts.
 *
 * @module
 */

import assert from 'node:assert/strict';

/** An element of a parsed document; text children are decoded strings. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/y;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes character data, throwing on a bare `&`, a stray `<`, `]]>` or a forbidden character. */
function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new SyntaxError(`raw "<" at ${where}`);
  if (raw.includes(']]>')) throw new SyntaxError(`"]]>" in character data at ${where}`);
  if (FORBIDDEN.test(raw)) throw new SyntaxError(`character not allowed in XML at ${where}`);
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const amp = raw.indexOf('&', i);
    if (amp === -1) return out + raw.slice(i);
    out += raw.slice(i, amp);
    REFERENCE.lastIndex = amp;
    const m = REFERENCE.exec(raw);
    if (m === null) throw new SyntaxError(`bare "&" at ${where + amp}`);
    out += m[1] !== undefined ? (NAMED[m[1]] as string) : String.fromCodePoint(Number.parseInt(m[2] ?? m[3] ?? '', m[2] ? 10 : 16));
    i = REFERENCE.lastIndex;
  }
  return out;
}

/**
 * Parses a document strictly: one root element, properly nested and closed tags,
 * quoted and unique attributes, valid entity references only. Comments and an
 * XML declaration are allowed; DOCTYPE and CDATA are not (the charts never emit them).
 *
 * @throws SyntaxError describing the first problem found.
 */
export function parseXml(text: string): XmlElement {
  let pos = 0;
  const stack: { name: string; attributes: Record<string, string>; children: (XmlElement | string)[] }[] = [];
  let root: XmlElement | null = null;
  const name = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(text);
    if (m === null) throw new SyntaxError(`expected a name at ${pos}`);
    pos = NAME.lastIndex;
    return m[0];
  };
  const spaces = (): boolean => {
    const start = pos;
    while (pos < text.length && ' \t\r\n'.includes(text[pos] as string)) pos += 1;
    return pos > start;
  };
  if (text.startsWith('<?xml')) pos = text.indexOf('?>') + 2;
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const chunk = text.slice(pos, lt === -1 ? text.length : lt);
    if (chunk !== '') {
      const decoded = decode(chunk, pos);
      const parent = stack.at(-1);
      if (parent) parent.children.push(decoded);
      else if (decoded.trim() !== '') throw new SyntaxError(`text outside the root element at ${pos}`);
    }
    if (lt === -1) break;
    pos = lt;
    if (text.startsWith('<!--', pos)) {
      const end = text.indexOf('-->', pos + 4);
      if (end === -1) throw new SyntaxError(`unterminated comment at ${pos}`);
      pos = end + 3;
    } else if (text.startsWith('</', pos)) {
      pos += 2;
      const closing = name();
      spaces();
      if (text[pos] !== '>') throw new SyntaxError(`expected ">" at ${pos}`);
      pos += 1;
      const open = stack.pop();
      if (open === undefined || open.name !== closing) throw new SyntaxError(`</${closing}> does not close <${open?.name ?? '(nothing)'}>`);
      if (stack.length === 0) root = open;
      else stack.at(-1)?.children.push(open);
    } else {
      if (text.startsWith('<!', pos) || text.startsWith('<?', pos)) throw new SyntaxError(`unsupported markup at ${pos}`);
      if (root !== null) throw new SyntaxError('more than one root element');
      pos += 1;
      const element = { name: name(), attributes: {} as Record<string, string>, children: [] as (XmlElement | string)[] };
      for (;;) {
        const spaced = spaces();
        if (text.startsWith('/>', pos) || text[pos] === '>') break;
        if (!spaced) throw new SyntaxError(`expected whitespace before an attribute at ${pos}`);
        const attr = name();
        spaces();
        if (text[pos] !== '=') throw new SyntaxError(`attribute ${attr} has no value at ${pos}`);
        pos += 1;
        spaces();
        const quote = text[pos];
        if (quote !== '"' && quote !== "'") throw new SyntaxError(`attribute ${attr} is not quoted at ${pos}`);
        const end = text.indexOf(quote, pos + 1);
        if (end === -1) throw new SyntaxError(`unterminated attribute ${attr}`);
        if (Object.hasOwn(element.attributes, attr)) throw new SyntaxError(`duplicate attribute ${attr}`);
        element.attributes[attr] = decode(text.slice(pos + 1, end), pos + 1);
        pos = end + 1;
      }
      if (text.startsWith('/>', pos)) {
        pos += 2;
        if (stack.length === 0) root = element;
        else stack.at(-1)?.children.push(element);
      } else {
        pos += 1;
        stack.push(element);
      }
    }
  }
  if (stack.length > 0) throw new SyntaxError(`<${stack.at(-1)?.name}> is never closed`);
  if (root === null) throw new SyntaxError('no root element');
  return root;
}

/** Every element under (and including) `root` that satisfies `test`, in document order. */
export function findAll(root: XmlElement, test: (el: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (el: XmlElement): void => {
    if (test(el)) out.push(el);
    for (const child of el.children) if (typeof child !== 'string') walk(child);
  };
  walk(root);
  return out;
}

/** Elements whose class list contains `className`. */
export function byClass(root: XmlElement, className: string): XmlElement[] {
  return findAll(root, (el) => (el.attributes.class ?? '').split(/\s+/).includes(className));
}

/** The concatenated text of an element and its descendants. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/**
 * Parses a chart and asserts what every chart promises: well-formed XML; an
 * `<svg role="img">` whose `aria-labelledby` and `aria-describedby` name its
 * `<title>` and `<desc>` holding the given text; a viewBox and width 100%; unique
 * ids; no `style` (the CSP forbids inline styles); no NaN, Infinity or undefined.
 *
 * @returns the parsed root for further checks.
 */
export function assertAccessibleChart(svg: string, text: { id: string; title: string; summary: string }): XmlElement {
  const root = parseXml(svg);
  assert.equal(root.name, 'svg');
  assert.equal(root.attributes.role, 'img');
  assert.equal(root.attributes.xmlns, 'http://www.w3.org/2000/svg');
  assert.match(root.attributes.viewBox ?? '', /^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
  assert.equal(root.attributes.width, '100%');
  const [title, desc] = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  assert.equal(title?.name, 'title', 'the first child is the <title>');
  assert.equal(desc?.name, 'desc', 'the second child is the <desc>');
  assert.equal(root.attributes['aria-labelledby'], title.attributes.id);
  assert.equal(root.attributes['aria-describedby'], desc.attributes.id);
  assert.equal(title.attributes.id, `${text.id}-title`);
  assert.equal(desc.attributes.id, `${text.id}-desc`);
  assert.equal(textOf(title), text.title);
  assert.equal(textOf(desc), text.summary);
  const ids = findAll(root, (el) => el.attributes.id !== undefined).map((el) => el.attributes.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  assert.equal(findAll(root, (el) => el.name === 'style' || el.attributes.style !== undefined).length, 0, 'no inline styles');
  assert.doesNotMatch(svg, /NaN|Infinity|undefined|\bnull\b/);
  return root;
}

/**
 * Processor time per call of `render` in milliseconds: the best average of
 * several batches after a warm-up. Processor time rather than wall-clock time,
 * and the best batch, so that compilation and a busy machine (test files run in
 * parallel) do not make the figure flaky.
 */
export function averageMs(render: () => unknown, batches = 5, runs = 40): number {
  for (let i = 0; i < 20; i += 1) render();
  let best = Number.POSITIVE_INFINITY;
  for (let b = 0; b < batches; b += 1) {
    const start = process.cpuUsage();
    for (let i = 0; i < runs; i += 1) render();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / runs);
  }
  return best;
}
