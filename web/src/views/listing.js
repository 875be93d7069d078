// A listing on its own (what a flyer's QR code opens), the flyer itself, and an invitation to the
// node: A4/Letter pages for a noticeboard, printed with the browser's own print (style.css @media print).
import QRCode from 'qrcode';
import { h, show, button } from '../dom.js';
import { t } from '../i18n.js';
import { current } from '../identity.js';
import { api } from '../node.js';
import { ICONS } from '../aid.js';
import { listingCard } from './cards.js';

export function listingLink(naddr) {
  return `${location.origin}/#/listing/${naddr}`;
}

async function qr(text, label) {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return h('div', { class: 'qr', role: 'img', 'aria-label': label, html: svg });
}

async function load(naddr) {
  try {
    return await api(`/listings/${encodeURIComponent(naddr)}`);
  } catch (e) {
    show(h('h1', {}, t('listing.missing')), h('p', { role: 'alert' }, e.message));
    return null;
  }
}

export async function listingPage(naddr) {
  const l = await load(naddr);
  if (!l) return;
  const me = current();
  show(h('h1', {}, l.title), listingCard(l),
    h('p', { class: 'actions' },
      me && me.pubkey !== l.author ? h('a', { class: 'button', href: `#/chat/${l.author}/${naddr}` }, t('mine.write')) : null, ' ',
      me ? null : h('a', { class: 'button', href: '#/', onclick: () => sessionStorage.setItem('mutual.return', `/listing/${naddr}`) }, t('listing.join')), ' ',
      h('a', { class: 'button secondary', href: `#/flyer/${naddr}` }, t('mine.flyer'))));
}

export async function flyerPage(naddr) {
  const l = await load(naddr);
  if (!l) return;
  const link = listingLink(naddr);
  const icon = ICONS[(l.categories || [])[0]] || ICONS.other;
  show(h('div', { class: 'flyer' },
    h('p', { class: 'flyer-kind' }, h('span', { 'aria-hidden': 'true' }, icon), ' ', t(`flyer.${l.type}`)),
    h('h1', {}, l.title),
    l.location ? h('p', { class: 'place' }, '📍 ', l.location) : null,
    l.content ? h('p', { class: 'content' }, l.content) : null,
    await qr(link, t('flyer.qrLabel')),
    h('p', { class: 'flyer-scan' }, t('flyer.scan')),
    h('p', { class: 'flyer-link' }, link),
    h('p', { class: 'flyer-about' }, t('flyer.about'))),
  h('p', { class: 'no-print actions' }, button(t('flyer.print'), () => window.print()), ' ', h('a', { href: '#/mine' }, t('flyer.back'))));
}

export async function invitePage() {
  const link = `${location.origin}/`;
  show(h('div', { class: 'flyer' },
    h('p', { class: 'flyer-kind' }, '🤝 ', t('invite.kind')),
    h('h1', {}, t('invite.title')),
    h('p', { class: 'content' }, t('invite.text')),
    await qr(link, t('flyer.qrLabel')),
    h('p', { class: 'flyer-scan' }, t('invite.scan')),
    h('p', { class: 'flyer-link' }, link)),
  h('p', { class: 'no-print actions' }, button(t('flyer.print'), () => window.print())));
}
