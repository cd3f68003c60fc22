import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/test-server.ts';
const server = await startTestServer();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const u = new URL('/partnerships/essex/plans/essex-send-improvement-programme/actions/ID10', server.url).href;
  console.log('goto', (await page.goto(u))?.status());
  const t0 = Date.now();
  const [r] = await Promise.all([
    page.waitForResponse((r) => { console.log('resp', r.request().method(), r.url(), r.request().resourceType()); return r.request().method() === 'POST'; }),
    page.getByRole('button', { name: 'Add progress update' }).click().then(() => console.log('clicked', Date.now() - t0)),
  ]);
  console.log('response', r.status(), Date.now() - t0);
  await page.locator('.govuk-error-summary').first().waitFor();
  console.log('summary', Date.now() - t0);
  await page.waitForLoadState('load');
  console.log('load', Date.now() - t0);
  console.log(await page.locator('.govuk-error-summary__list a').evaluateAll((as) => as.map((a) => a.textContent)));
  console.log('evaluateAll done');
} catch (e) { console.error('ERR', e); }
finally { await browser.close(); await server.close(); }
