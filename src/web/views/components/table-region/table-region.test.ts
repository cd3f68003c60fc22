// The table-region macro's markup: a labelled, focusable region around whatever table it is given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const views = fileURLToPath(new URL('../..', import.meta.url));
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(views), { autoescape: true, throwOnUndefined: false });
const render = (body: string, context: object = {}) => env.renderString(`{% from "components/table-region/macro.njk" import tableRegion %}${body}`, context).replace(/\s+/g, ' ').trim();

describe('table region', () => {
  it('wraps the table in a focusable region labelled by the given text', () => {
    const html = render('{% call tableRegion({ label: "All actions" }) %}<table class="govuk-table"></table>{% endcall %}');
    assert.equal(html, '<div class="app-table-scroll" role="region" aria-label="All actions" tabindex="0"> <table class="govuk-table"></table> </div>');
  });

  it('escapes the label and not the table, which sees the calling template’s variables', () => {
    const html = render('{% for r in rows %}{% call tableRegion({ label: r.label, id: r.id, classes: "app-extra" }) %}<td>{{ r.cell }}</td>{% endcall %}{% endfor %}', { rows: [{ label: 'Q&A "x"', id: 'r1', cell: '<b>' }] });
    assert.equal(html, '<div class="app-table-scroll app-extra" id="r1" role="region" aria-label="Q&amp;A &quot;x&quot;" tabindex="0"> <td>&lt;b&gt;</td> </div>');
  });
});
