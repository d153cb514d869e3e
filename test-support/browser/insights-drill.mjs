// Works the insights page as a CS lead would: picks a segment and a CSM, clicks a figure, reads the onboardings listed
// behind it and downloads their CSV; prints what they saw as JSON on stdout.
// Usage: node insights-drill.mjs <page url> <user> <password> <segment> <csm> <figure> <screenshot.png>
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';

const [url, user, password, segment, csm, figure, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.ONRAMP_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ httpCredentials: { username: user, password }, viewport: { width: 1280, height: 900 },
    acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  const loaded = () => page.waitForFunction(() => document.body.dataset.loaded === 'true' || document.body.dataset.loaded === 'error',
    null, { timeout: 30_000 });
  await page.goto(url);
  await loaded();
  const segments = await page.$$eval('#segment option', options => options.map(o => o.value));
  await page.selectOption('#segment', segment);
  await loaded();
  const csms = await page.$$eval('#csm option', options => options.map(o => o.value));
  await page.selectOption('#csm', csm);
  await loaded();
  const tiles = await page.$$eval('#tiles .tile', nodes => nodes.map(n => n.textContent));
  await page.click(`#tiles a[data-figure="${figure}"]`);
  await page.waitForFunction(() => document.body.dataset.drilled === 'true', null, { timeout: 30_000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  const rows = await page.$$eval('#drillRows tr', trs => trs.map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent)));
  const links = await page.$$eval('#drillRows a', as => as.map(a => a.getAttribute('href')));
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('#drillCsv')]);
  const csv = await readFile(await download.path(), 'utf8');
  const facts = {
    loaded: await page.getAttribute('body', 'data-loaded'),
    address: page.url(),
    segments, csms, tiles, rows, links,
    title: await page.textContent('#drillTitle'),
    count: await page.textContent('#drillCount'),
    csvHref: await page.getAttribute('#drillCsv', 'href'),
    csvName: download.suggestedFilename(),
    csv,
    reportCsvLinks: await page.$$eval('a.csv[data-report]', as => as.map(a => a.getAttribute('href'))),
    cards: await page.$$eval('#reports figure.card figcaption', nodes => nodes.map(n => n.textContent)),
    errors,
  };
  process.stdout.write(JSON.stringify(facts));
} finally {
  await browser.close();
}
