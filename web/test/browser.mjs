// What the browser tests share: Debian's Chromium driven by playwright-core, a recorder of every
// request and WebSocket frame a page sends (to prove no secret key leaves the browser), and a
// NIP-07 signer stub whose key stays in this Node.js process.
import { chromium } from 'playwright-core';
import { generateSecretKey, getPublicKey, finalizeEvent } from 'nostr-tools/pure';
import * as nip44 from 'nostr-tools/nip44';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.MUTUAL_CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** Everything the pages of a context send: request URLs and bodies, WebSocket frames. */
export function record(context, sent) {
  context.on('request', (r) => sent.push(r.url() + '\n' + (r.postData() || '')));
  context.on('page', (page) => page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload)))));
}

export async function newPerson(browser, sent, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', ...opts });
  record(context, sent);
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return { context, page };
}

/** window.nostr as an extension gives it; signing and NIP-44 happen here, over a binding. */
export async function nip07Stub(context) {
  const sk = generateSecretKey();
  const pubkey = getPublicKey(sk);
  let signed = 0;
  let spoil = false; // sign, then break the signature: the node must refuse, and the page say why
  await context.exposeBinding('__nip07', (source, op, a, b) => {
    if (op === 'pubkey') return pubkey;
    if (op === 'sign') {
      signed++;
      const e = finalizeEvent(a, sk);
      return spoil ? { ...e, sig: e.sig.replace(/^./, (c) => (c === '0' ? '1' : '0')) } : e;
    }
    const ck = nip44.getConversationKey(sk, a);
    return op === 'encrypt' ? nip44.encrypt(b, ck) : nip44.decrypt(b, ck);
  });
  await context.addInitScript(() => {
    window.nostr = {
      getPublicKey: () => window.__nip07('pubkey'),
      signEvent: (e) => window.__nip07('sign', e),
      nip44: { encrypt: (pk, t) => window.__nip07('encrypt', pk, t), decrypt: (pk, t) => window.__nip07('decrypt', pk, t) },
    };
  });
  return { sk, pubkey, signed: () => signed, spoil: (v) => { spoil = v; } };
}

export async function ready(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
}

export async function go(page, hash) {
  await page.evaluate((h) => {
    document.body.dataset.ready = '';
    if (location.hash === h) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = h;
  }, hash);
  await ready(page);
}

/** The page's width fits its viewport: nothing to scroll sideways. */
export async function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** The serious and critical accessibility problems axe-core finds on the page as it is now (WCAG 2 A and AA). */
export async function accessibility(page) {
  const { source } = (await import('axe-core')).default;
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(source);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

/** Clicks a link or button that shows another page, and waits until that page is shown. */
export async function follow(page, selector) {
  await page.evaluate(() => { document.body.dataset.ready = ''; });
  await page.click(selector);
  await ready(page);
}
