// The web interface on a loaded node (run by `mutual bench web`): a cold Chromium opens the page,
// signs in with the key given, opens "my listings" and "near me"; for each, the time until the
// page is usable (its own 'mutual-ready' mark) and the bytes received, compressed as sent
// (HTTP bodies and headers, WebSocket frames). Prints a Markdown table.
import { launch, newPerson, ready, go } from './browser.mjs';

const [base, nsec] = [process.argv[2], process.argv[3]];
const PASS = 'bench passphrase';
const browser = await launch();
const rows = [];
try {
  const { context, page } = await newPerson(browser, [], { viewport: { width: 390, height: 844 }, isMobile: true });
  let bytes = 0;
  let requests = 0;
  page.on('requestfinished', async (r) => {
    const s = await r.sizes().catch(() => null);
    if (s) bytes += s.responseBodySize + s.responseHeadersSize;
    requests++;
  });
  page.on('websocket', (ws) => ws.on('framereceived', (f) => { bytes += Buffer.byteLength(f.payload); }));
  const since = async () => page.evaluate(() => performance.now());
  const readyAt = async () => page.evaluate(() => performance.getEntriesByName('mutual-ready').pop().startTime);
  const measure = async (name, work, check) => {
    bytes = 0;
    requests = 0;
    const t = await since();
    await work();
    const detail = check ? await check() : '';
    await new Promise((r) => setTimeout(r, 300)); // let the last sizes be counted
    rows.push({ name, ms: (await readyAt()) - t, bytes, requests, detail });
  };

  bytes = 0;
  await page.goto(base + '/');
  await ready(page);
  await new Promise((r) => setTimeout(r, 300));
  rows.push({ name: 'first visit, cold cache (the start page)', ms: await readyAt(), bytes, requests, detail: 'from navigation start' });

  await page.fill('#secret', nsec);
  await page.fill('#imp-pass', PASS);
  await page.click('#import button[type=submit]');
  await page.waitForSelector('nav');
  await ready(page);
  await measure('my listings, with the offers that fit', () => go(page, '#/mine'),
    async () => `${await page.locator('.fit').count()} fits shown` + (process.env.BENCH_DEBUG ? await page.textContent('#main') : ''));
  await page.evaluate(() => localStorage.setItem('mutual.near', JSON.stringify({ place: 'Lisbon, PT', cell: 'eycs2', type: '', category: '', q: '' })));
  await measure('near me (Lisbon, 25 km)', async () => {
    await go(page, '#/near');
    await page.waitForSelector('#near-results .listing');
    await page.evaluate(() => performance.mark('mutual-ready'));
  }, async () => `${await page.locator('#near-results .listing').count()} listings shown`);
  bytes = 0;
  requests = 0;
  await page.reload();
  await ready(page);
  await new Promise((r) => setTimeout(r, 300));
  rows.push({ name: 'next visit, warm cache (passphrase page)', ms: await readyAt(), bytes, requests, detail: 'from navigation start' });
  await context.close();
} finally {
  await browser.close();
}
console.log('| page | time to interactive | bytes received | requests | |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${Math.round(r.ms)} ms | ${(r.bytes / 1024).toFixed(1)} KiB | ${r.requests} | ${r.detail} |`);
