// The web interface: a page that runs in the browser, signs every event there with the person's
// own key, and talks to the node that served it (docs/web.md). Pages are chosen by the part of the
// address after '#' (router.js).
import { h, show } from './dom.js';
import { t, languages, currentLang, setLang } from './i18n.js';
import { current, stored, restore } from './identity.js';
import { startPage, unlockPage } from './views/start.js';
import { postPage } from './views/post.js';
import { minePage } from './views/mine.js';
import { nearPage } from './views/near.js';
import { chatPage } from './views/chat.js';
import { listingPage, flyerPage, invitePage } from './views/listing.js';
import { keyPage } from './views/key.js';

const PUBLIC = { listing: listingPage, flyer: flyerPage, invite: invitePage };
const PERSONAL = { mine: minePage, post: postPage, near: nearPage, chat: chatPage, key: keyPage };
let leave = null; // what the page shown last wants done when another is shown (stop following)

function header() {
  const nav = current()
    ? h('nav', { 'aria-label': t('nav.label') }, h('ul', {},
      ['mine', 'post', 'near', 'chat', 'key'].map((p) => h('li', {}, h('a', { href: `#/${p}`, 'data-page': p }, t(`nav.${p}`))))))
    : null;
  const select = h('select', { id: 'lang', onchange: (e) => { setLang(e.target.value); render(); } },
    languages().map((l) => h('option', { value: l.code, selected: l.code === currentLang() }, l.name)));
  document.getElementById('top').replaceChildren(
    h('a', { class: 'brand', href: '#/' }, 'Mutual'), nav,
    h('div', { class: 'lang' }, h('label', { for: 'lang' }, t('nav.language')), select));
  document.getElementById('foot').replaceChildren(h('p', {}, t('foot.text'), ' ', h('a', { href: '#/invite' }, t('foot.invite'))));
}

async function render() {
  if (leave) {
    leave();
    leave = null;
  }
  const [, page = '', ...args] = location.hash.replace(/^#/, '').split('/');
  document.title = 'Mutual';
  await restore();
  header();
  const here = document.querySelector(`nav a[data-page="${page}"]`);
  if (here) here.setAttribute('aria-current', 'page');
  if (PUBLIC[page]) return (leave = await PUBLIC[page](...args.map(decodeURIComponent)) || null);
  if (!current()) return stored() && stored().type === 'local' ? unlockPage() : startPage();
  const view = PERSONAL[page] || minePage;
  leave = (await view(...args.map(decodeURIComponent))) || null;
}

/** Shows a page, or reports what went wrong in words instead of a blank screen. */
async function safely() {
  try {
    await render();
  } catch (e) {
    show(h('h1', {}, t('error.title')), h('p', { role: 'alert' }, e.message || String(e)));
  }
  document.body.dataset.ready = 'true';
  performance.mark('mutual-ready'); // for the benchmark: when the page shown is usable
}

window.addEventListener('hashchange', safely);
safely();
