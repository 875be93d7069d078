// The web interface end to end, in Chromium, against the node at argv[2]; screenshots go to
// argv[3]. Prints one JSON line of what it saw; the JUnit test (WebInterfaceTest) judges it.
// Two people: one creates a key and posts a need in Lisbon, the other imports a key and posts a
// matching offer nearby; both see the match, accept, write to each other, one marks it done and
// thanks. Then Spanish, a 360-pixel phone, a flyer's QR code, a NIP-07 extension, and a check
// that no secret key ever left a page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import * as nip19 from 'nostr-tools/nip19';
import * as nip49 from 'nostr-tools/nip49';
import { bytesToHex } from '@noble/hashes/utils.js';
import { launch, newPerson, nip07Stub, ready, go, follow, fitsWidth, accessibility } from './browser.mjs';
import { startBunker } from './bunker.mjs';

const [base, shots] = [process.argv[2], process.argv[3]];
mkdirSync(shots, { recursive: true });
const out = { a11y: {} };
const sent = [];
const secrets = [];
const PASS = 'correct horse battery';

async function shot(page, name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function createKey(page) {
  await page.goto(base + '/');
  await ready(page);
  await page.fill('#new-pass', PASS);
  await page.fill('#new-pass2', PASS);
  await page.click('#create button[type=submit]');
  await page.waitForSelector('#npub');
  // The key made in the page, opened here from what the page keeps (NIP-49), for the leak check.
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('mutual.identity')));
  const sk = nip49.decrypt(kept.ncryptsec, PASS);
  secrets.push(bytesToHex(sk), nip19.nsecEncode(sk));
  return page.textContent('#npub');
}

async function post(page, f) {
  await go(page, `#/post/${f.type}`);
  await page.fill('#title', f.title);
  await page.check(`input[name=category][value=${f.category}]`);
  await page.fill('#place', f.place);
  await page.fill('#radius', String(f.radius || 20));
  if (f.urgency) await page.selectOption('#urgency', f.urgency);
  await page.fill('#description', f.description || '');
  await page.click('#post button[type=submit]');
  await page.waitForSelector('#mine-list .listing');
}

async function matchOf(page) {
  const fit = page.locator('.fit[data-match]:not([data-match=""])').first();
  await fit.waitFor({ timeout: 30000 });
  return fit;
}

async function apiMatch(ref) {
  return (await fetch(`${base}/api/matches/${ref}`)).json();
}

async function until(what, test, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await test();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const browser = await launch();
try {
  // Ana: a new key, on a phone-sized screen; her need in Lisbon, first with mistakes.
  const ana = await newPerson(browser, sent, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await ana.page.goto(base + '/');
  await ready(ana.page);
  await shot(ana.page, 'start-phone');
  out.a11y.start = await accessibility(ana.page);
  out.anaNpub = await createKey(ana.page);
  out.anaNcryptsec = JSON.parse(await ana.page.evaluate(() => localStorage.getItem('mutual.identity'))).ncryptsec;
  await shot(ana.page, 'key-phone');
  const [download] = await Promise.all([ana.page.waitForEvent('download'), ana.page.click('#download-key')]);
  out.keyFile = (await import('node:fs')).readFileSync(await download.path(), 'utf8').trim();
  await ana.page.click('text=Show as a QR code');
  const keyPng = PNG.sync.read(await ana.page.locator('#key-qr .qr').screenshot());
  out.keyQr = (jsQR(new Uint8ClampedArray(keyPng.data), keyPng.width, keyPng.height) || {}).data || null;
  await go(ana.page, '#/post/need');
  await ana.page.click('#post button[type=submit]');
  out.errorNoTitle = await ana.page.textContent('#title-error');
  await ana.page.fill('#title', 'Groceries for two');
  await ana.page.fill('#place', 'Lisboa');
  await ana.page.fill('#until', '2001-01-01');
  await ana.page.click('#post button[type=submit]');
  await ana.page.waitForSelector('#place-error:not([hidden])');
  out.errorPlace = await ana.page.textContent('#place-error');
  out.errorPast = await ana.page.textContent('#until-error');
  out.errorCategory = await ana.page.textContent('#category-error');
  out.a11y.postWithErrors = await accessibility(ana.page);
  await ana.page.reload(); // the draft stays in the browser; the key must be opened again
  await ready(ana.page);
  await ana.page.fill('#unlock-pass', PASS);
  await ana.page.click('#unlock button[type=submit]');
  await ana.page.waitForSelector('nav');
  await go(ana.page, '#/post/need');
  out.draftKept = await ana.page.inputValue('#title');
  await ana.page.fill('#until', '');
  await shot(ana.page, 'post-phone');
  await post(ana.page, { type: 'need', title: 'Groceries for two', category: 'food', place: 'Lisbon, Portugal', urgency: 'urgent',
    description: 'Rice, pasta, vegetables. I can pick up.' });
  out.anaListings = await ana.page.locator('#mine-list section.mine').count();

  // Bruno: an existing key, pasted as nsec; his offer in Almada, across the river.
  const brunoSk = generateSecretKey();
  secrets.push(bytesToHex(brunoSk), nip19.nsecEncode(brunoSk));
  const bruno = await newPerson(browser, sent);
  await bruno.page.goto(base + '/');
  await ready(bruno.page);
  await bruno.page.fill('#secret', nip19.nsecEncode(brunoSk));
  await bruno.page.fill('#imp-pass', PASS);
  await bruno.page.click('#import button[type=submit]');
  await bruno.page.waitForSelector('nav');
  await post(bruno.page, { type: 'offer', title: 'Vegetables from my garden', category: 'food', place: 'Almada, PT',
    description: 'Potatoes and cabbage on Saturdays.' });
  const brunoPubkey = getPublicKey(brunoSk);

  // Both see the match with its reasons, best first, and both accept.
  const anaFit = await matchOf(ana.page);
  const ref = await anaFit.getAttribute('data-match');
  out.anaReasons = await anaFit.locator('.reasons').textContent();
  out.anaSeesTitle = await anaFit.locator('h3').textContent();
  const brunoFit = await matchOf(bruno.page);
  out.brunoSeesTitle = await brunoFit.locator('h3').textContent();
  await shot(ana.page, 'mine-phone');
  out.a11y.mineWithFits = await accessibility(ana.page);
  await shot(bruno.page, 'mine-desktop');
  await anaFit.locator('button.accept').click();
  await until('Ana\'s accept', async () => (await apiMatch(ref)).accepted_by?.includes('need'));
  await go(bruno.page, '#/mine');
  await (await matchOf(bruno.page)).locator('button.accept').click();
  out.stateAfterAccepts = (await until('both accepts', async () => { const m = await apiMatch(ref); return m.state === 'accepted' && m; })).state;
  await ana.page.waitForSelector('.fit button.done');

  // They write to each other, end-to-end encrypted.
  await (await matchOf(ana.page)).locator('a.write').click();
  await ana.page.waitForSelector('#send');
  out.chatAbout = await ana.page.textContent('.about');
  await ana.page.fill('#message', 'Hello! Is Saturday at ten good?');
  await ana.page.click('#send button[type=submit]');
  await ana.page.waitForSelector('.messages .from-me');
  await go(bruno.page, '#/chat');
  out.brunoConversations = await bruno.page.locator('.conversations li').count();
  await go(bruno.page, `#/chat/${nip19.decode(out.anaNpub.trim()).data}`);
  await bruno.page.waitForSelector('.messages .from-them');
  out.brunoReads = await bruno.page.textContent('.messages .from-them .text');
  await bruno.page.fill('#message', 'Saturday at ten is good.');
  await bruno.page.click('#send button[type=submit]');
  await ana.page.waitForSelector('.messages .from-them');
  out.anaReads = await ana.page.textContent('.messages .from-them .text');
  await shot(ana.page, 'chat-phone');
  out.a11y.chat = await accessibility(ana.page);
  await shot(bruno.page, 'chat-desktop');

  // Ana marks it done and thanks Bruno; the thanks also reaches him as a message.
  await go(ana.page, '#/mine');
  await (await matchOf(ana.page)).locator('button.done').click();
  await until('done', async () => (await apiMatch(ref)).state === 'done');
  await go(ana.page, '#/mine');
  await ana.page.waitForSelector('.fit button.thanks, #mine-list details');
  const thanks = ana.page.locator('.fit button.thanks');
  if (await thanks.count()) {
    await ana.page.fill(`#thanks-${ref}`, 'Thank you, Bruno!');
    await thanks.click();
  }
  const after = await until('thanks', async () => { const m = await apiMatch(ref); return m.steps.some((s) => s.step === 'thanks') && m; });
  out.finalState = after.state;
  out.steps = after.steps.map((s) => s.step);
  out.stepAuthors = after.steps.filter((s) => s.step !== 'suggest').map((s) => s.author);
  out.brunoPubkey = brunoPubkey;
  await go(bruno.page, `#/chat/${nip19.decode(out.anaNpub.trim()).data}`);
  // the gift wrap arrives through Bruno's live subscription: wait for it before counting
  const thanked = bruno.page.locator('.messages .from-them .text', { hasText: 'Thank you, Bruno!' });
  await thanked.first().waitFor({ timeout: 15000 }).catch(() => {});
  out.brunoThanked = await thanked.count();

  // A flyer for Ana's need: its QR code opens the listing.
  await go(ana.page, '#/mine');
  const flyerHref = await ana.page.getAttribute('#mine-list section.mine a[href^="#/flyer/"]', 'href');
  const naddr = flyerHref.split('/')[2];
  await go(bruno.page, flyerHref);
  await bruno.page.waitForSelector('.qr svg');
  const png = PNG.sync.read(await bruno.page.locator('.qr').screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  out.qr = code ? code.data : null;
  out.listingLink = `${base}/#/listing/${naddr}`;
  await bruno.page.emulateMedia({ media: 'print' });
  out.printHidesHeader = await bruno.page.evaluate(() => getComputedStyle(document.querySelector('header')).display === 'none');
  await shot(bruno.page, 'flyer-print');
  out.a11y.flyer = await accessibility(bruno.page);
  await bruno.page.emulateMedia({ media: 'screen' });
  await bruno.page.goto(out.qr || out.listingLink);
  await ready(bruno.page);
  out.qrOpens = await bruno.page.textContent('h1');

  // The language switch, on Ana's phone.
  await ana.page.selectOption('#lang', 'es');
  await ready(ana.page);
  out.switchedNav = await ana.page.textContent('nav a[data-page=mine]');
  await shot(ana.page, 'mine-phone-es');

  // Carmen reads Spanish from her browser, end to end: key, a post with a mistake, her listing.
  const carmen = await newPerson(browser, sent, { locale: 'es-ES' });
  await carmen.page.goto(base + '/');
  await ready(carmen.page);
  out.esTitle = await carmen.page.textContent('h1');
  // With the keyboard alone: the focus is on the heading; Tab reaches the passphrase fields in order.
  await carmen.page.keyboard.press('Tab');
  out.keyboardFirstField = await carmen.page.evaluate(() => document.activeElement.id);
  await carmen.page.keyboard.type(PASS);
  await carmen.page.keyboard.press('Tab');
  await carmen.page.keyboard.type(PASS);
  await carmen.page.keyboard.press('Enter');
  await carmen.page.waitForSelector('#npub');
  const kept = JSON.parse(await carmen.page.evaluate(() => localStorage.getItem('mutual.identity')));
  const carmenSk = nip49.decrypt(kept.ncryptsec, PASS);
  secrets.push(bytesToHex(carmenSk), nip19.nsecEncode(carmenSk));
  await go(carmen.page, '#/post/offer');
  out.esPostHeading = await carmen.page.textContent('h1');
  await carmen.page.click('#post button[type=submit]');
  out.esErrorNoTitle = await carmen.page.textContent('#title-error');
  await post(carmen.page, { type: 'offer', title: 'Llevo a quien lo necesite', category: 'transport', place: 'Madrid' });
  out.esMine = await carmen.page.textContent('#mine-list h4');
  out.esDate = await carmen.page.textContent('#mine-list .listing .meta');
  await shot(carmen.page, 'mine-desktop-es');
  out.a11y.mineSpanish = await accessibility(carmen.page);

  // A 360-pixel phone: every page fits, and "use my location" names the town, coarsely.
  const dora = await newPerson(browser, sent, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true,
    geolocation: { latitude: 38.7139, longitude: -9.1394 }, permissions: ['geolocation'] });
  // She comes from a flyer's link, starts there, and is taken back to the listing after.
  await dora.page.goto(out.listingLink);
  await ready(dora.page);
  out.fits360 = { listing: await fitsWidth(dora.page) };
  await follow(dora.page, 'text=Answer it: get started');
  out.fits360.start = await fitsWidth(dora.page);
  await createKey(dora.page);
  await follow(dora.page, 'text=Continue: back to the listing');
  out.returnedTo = await dora.page.textContent('h1');
  for (const p of ['post', 'mine', 'near', 'chat', 'key', 'invite']) {
    await go(dora.page, `#/${p}`);
    out.fits360[p] = await fitsWidth(dora.page);
  }
  // The node out of reach: the form says so above it, and the draft is still there afterwards.
  await go(dora.page, '#/post/offer');
  await dora.page.fill('#title', 'Soup on Sundays');
  await dora.page.check('input[name=category][value=food]');
  await dora.page.fill('#place', 'Lisbon, PT');
  await dora.context.setOffline(true);
  await dora.page.click('#post button[type=submit]');
  await dora.page.waitForSelector('#post .form-message:not([hidden])');
  out.offlineMessage = await dora.page.textContent('#post .form-message');
  out.offlineStatus = await dora.page.textContent('#status');
  await dora.context.setOffline(false);
  await go(dora.page, '#/mine');
  await go(dora.page, '#/post');
  out.offlineDraftKept = await dora.page.inputValue('#title');
  await dora.page.fill('#place', '');
  await dora.page.click('text=Use my location');
  await dora.page.waitForFunction(() => document.querySelector('#place').value !== '');
  out.located = await dora.page.inputValue('#place');
  await shot(dora.page, 'post-360');
  await go(dora.page, '#/near');
  await dora.page.fill('#near-place', 'Lisbon, PT');
  await dora.page.click('#near button[type=submit]');
  await dora.page.waitForSelector('#near-results p');
  out.nearFound = await dora.page.locator('#near-results .listing').count();
  out.fits360.nearResults = await fitsWidth(dora.page);
  await shot(dora.page, 'near-360');
  out.a11y.near = await accessibility(dora.page);

  // A NIP-07 extension: the page signs through it and never holds the key.
  const eva = await newPerson(browser, sent);
  const stub = await nip07Stub(eva.context);
  secrets.push(bytesToHex(stub.sk), nip19.nsecEncode(stub.sk));
  await eva.page.goto(base + '/');
  await ready(eva.page);
  await eva.page.click('#use-extension');
  await eva.page.waitForSelector('nav');
  stub.spoil(true);
  await go(eva.page, '#/post/need');
  await eva.page.fill('#title', 'A drill for an afternoon');
  await eva.page.check('input[name=category][value=tools]');
  await eva.page.fill('#place', 'Amadora, PT');
  await eva.page.click('#post button[type=submit]');
  await eva.page.waitForSelector('#post .form-message:not([hidden])');
  out.refusedMessage = await eva.page.textContent('#post .form-message');
  stub.spoil(false);
  await post(eva.page, { type: 'need', title: 'A drill for an afternoon', category: 'tools', place: 'Amadora, PT' });
  out.nip07Signed = stub.signed();
  out.nip07Listed = (await (await fetch(`${base}/api/listings?category=tools&near=eycs&radius_km=50`)).json()).listings
    .filter((l) => l.author === stub.pubkey).length;

  // Fabio brings an ncryptsec: the wrong passphrase is said next to its field, the right one opens it.
  const fabioSk = generateSecretKey();
  secrets.push(bytesToHex(fabioSk), nip19.nsecEncode(fabioSk));
  const fabio = await newPerson(browser, sent);
  await fabio.page.goto(base + '/');
  await ready(fabio.page);
  await fabio.page.fill('#secret', nip49.encrypt(fabioSk, 'his own passphrase', 16));
  await fabio.page.fill('#imp-pass', 'not his passphrase');
  await fabio.page.click('#import button[type=submit]');
  await fabio.page.waitForSelector('#imp-pass-error:not([hidden])');
  out.wrongPassphrase = await fabio.page.textContent('#imp-pass-error');
  await fabio.page.fill('#imp-pass', 'his own passphrase');
  await fabio.page.click('#import button[type=submit]');
  await fabio.page.waitForSelector('nav');
  await go(fabio.page, '#/key');
  out.a11y.key = await accessibility(fabio.page);
  out.fabioNpub = (await fabio.page.textContent('#npub')).trim();
  out.fabioExpected = nip19.npubEncode(getPublicKey(fabioSk));

  // Greta's key is in a NIP-46 remote signer; the page posts and reads messages through it.
  const bunker = await startBunker(base.replace(/^http/, 'ws') + '/');
  secrets.push(bytesToHex(bunker.sk), nip19.nsecEncode(bunker.sk));
  const greta = await newPerson(browser, sent);
  await greta.page.goto(base + '/');
  await ready(greta.page);
  await greta.page.fill('#bunker-url', bunker.url);
  await greta.page.click('#bunker button[type=submit]');
  await greta.page.waitForSelector('nav');
  await post(greta.page, { type: 'offer', title: 'Hammer and saw to lend', category: 'tools', place: 'Amadora, PT' });
  // The node's notice of the match with Eva's need arrives as a message, opened through the signer.
  out.bunkerConversations = await until('the node\'s notice to Greta', async () => {
    await go(greta.page, '#/chat');
    return greta.page.locator('.conversations li').count();
  }, 30000).catch(() => 0);
  out.bunkerServed = [...new Set(bunker.served)].sort();
  out.bunkerListed = (await (await fetch(`${base}/api/listings?category=tools&near=eycs&radius_km=50`)).json()).listings
    .filter((l) => l.author === bunker.pk).length;
  bunker.close();

  // Every secret key of the run (made in a page, pasted, or held by the extension stub), in hex
  // and as nsec, against everything the pages sent.
  out.sentCount = sent.length;
  out.secretsChecked = secrets.length;
  out.secretSeen = sent.filter((s) => secrets.some((k) => s.includes(k))).length;
  out.ncryptsecSeen = sent.filter((s) => s.includes('ncryptsec1')).length;
  out.nsecSeen = sent.filter((s) => s.includes('nsec1')).length;
} catch (e) {
  out.error = String(e.stack || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
