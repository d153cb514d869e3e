// Opens the insights page in headless Chromium as a signed-in user, waits for its reports to load,
// takes a screenshot and prints what a person would read off the page, as JSON on stdout.
// Usage: node insights-page.mjs <page url> <user> <password> <screenshot.png>
import { chromium } from 'playwright-core';

const [url, user, password, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.ONRAMP_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ httpCredentials: { username: user, password }, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-loaded]', { timeout: 30_000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  const texts = selector => page.$$eval(selector, nodes => nodes.map(n => n.textContent));
  const facts = {
    loaded: await page.getAttribute('body', 'data-loaded'),
    status: await page.textContent('#status'),
    alert: await page.$eval('#alert', a => (a.hidden ? null : a.textContent)),
    tiles: await texts('#tiles .tile'),
    ttvTexts: await texts('#ttv text'),
    ttvBars: await page.$$eval('#ttv rect.bar', bars => bars.map(b => Number(b.getAttribute('width')))),
    funnelTexts: await texts('#funnel text'),
    trendPoints: await page.$$eval('#trend circle.point', points => points.map(p => ({ month: p.dataset.month, rate: Number(p.dataset.rate) }))),
    trendThreshold: await page.$$eval('#trend line.threshold', lines => lines.length),
    slaTexts: await texts('#sla text'),
    errors,
  };
  process.stdout.write(JSON.stringify(facts));
} finally {
  await browser.close();
}
