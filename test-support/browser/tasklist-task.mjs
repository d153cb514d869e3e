// A CSM works one task in Camunda Tasklist in headless Chromium: signs in at Keycloak, opens the
// task, claims it, fills the Camunda Form's fields by their labels and completes it. Prints what
// the CSM saw, as JSON on stdout; on a failure leaves <screenshot> of the page.
// Usage: node tasklist-task.mjs <tasklist url> <task id> <user> <password> <screenshot.png> <field label=value>...
import { chromium } from 'playwright-core';

const [tasklist, taskId, user, password, screenshot, ...fields] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.ONRAMP_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })).newPage();
const errors = [];
const failedRequests = [];
page.on('pageerror', e => errors.push(e.message));
page.on('response', r => { if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`); });
try {
  await page.goto(tasklist);
  await page.fill('#username', user);                       // Keycloak's sign-in page
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(url => url.href.startsWith(tasklist), { timeout: 60_000 }), page.click('#kc-login')]);
  await page.waitForSelector('[cam-widget-header] .navbar-brand', { timeout: 60_000 });
  const signedInAs = await page.evaluate(async () => (await (await fetch('/camunda/api/admin/auth/user/default')).json()).userId);

  await page.goto(`${tasklist}#/?task=${taskId}`);
  const claim = page.locator('button.claim');
  await claim.waitFor({ timeout: 60_000 });
  const taskName = (await page.locator('[cam-tasklist-task] h2.task').textContent()).trim();
  await claim.click();
  await page.locator('.unclaim').waitFor({ timeout: 30_000 });

  for (const field of fields) {
    const [label, value] = [field.slice(0, field.indexOf('=')), field.slice(field.indexOf('=') + 1)];
    const input = page.getByLabel(label, { exact: false }).first();
    await input.waitFor({ timeout: 30_000 });
    await input.fill(value);
    await input.press('Tab');
  }
  const complete = page.locator('button', { hasText: 'Complete' }).last();
  await complete.waitFor({ timeout: 30_000 });
  await complete.click();
  await page.waitForSelector('.alert-success, .notification.success, [cam-notifications] .alert', { timeout: 30_000 }).catch(() => null);
  await page.waitForFunction(() => !document.querySelector('button.unclaim'), null, { timeout: 30_000 });
  process.stdout.write(JSON.stringify({ signedInAs, taskName, errors, failedRequests }));
} catch (e) {
  await page.screenshot({ path: screenshot, fullPage: true }).catch(() => null);
  process.stderr.write(`${e.message}\nfailed requests: ${failedRequests.join(', ')}\npage errors: ${errors.join(' | ')}\n`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
