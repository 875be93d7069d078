// The person's key: what it is, how to keep a copy (a file and a QR code of the NIP-49 encrypted
// key, the same format `mutual id export` writes), what losing it means, and forgetting it here.
import QRCode from 'qrcode';
import { h, show, button } from '../dom.js';
import { t } from '../i18n.js';
import { stored, npub, forget } from '../identity.js';
import { go } from '../router.js';

export async function keyPage(fresh) {
  const r = stored();
  const local = r && r.type === 'local';
  const parts = [h('h1', {}, fresh === 'new' ? t('key.createdTitle') : t('key.heading')),
    h('p', {}, t('key.public')), h('p', { class: 'npub', id: 'npub' }, npub()),
    h('p', { class: 'hint' }, t(`key.kind.${r.type}`))];
  if (local) {
    const download = button(t('key.download'), () => {
      const blob = new Blob([r.ncryptsec + '\n'], { type: 'text/plain' });
      const a = h('a', { href: URL.createObjectURL(blob), download: 'mutual-key.ncryptsec.txt' });
      document.body.append(a);
      a.click();
      a.remove();
    }, { id: 'download-key' });
    const qrBox = h('div', { id: 'key-qr' });
    const showQr = button(t('key.showQr'), async () => {
      const svg = await QRCode.toString(r.ncryptsec, { type: 'svg', margin: 2 });
      qrBox.replaceChildren(h('div', { class: 'qr', role: 'img', 'aria-label': t('key.qrLabel'), html: svg }));
    }, { class: 'secondary' });
    parts.push(h('section', { class: 'card warning' }, h('h2', {}, t('key.keepTitle')), h('p', {}, t('key.keepText')),
      h('p', {}, t('key.loseText')), h('p', { class: 'actions' }, download, ' ', showQr), qrBox));
  }
  // Someone who came from a flyer goes back to the listing that brought them.
  const back = sessionStorage.getItem('mutual.return');
  const next = fresh === 'new' ? h('a', { class: 'button', href: back ? `#${back}` : '#/post', onclick: () => sessionStorage.removeItem('mutual.return') },
    back ? t('key.backToListing') : t('key.continue')) : null;
  parts.push(h('p', { class: 'actions' }, next, ' ',
    button(t('key.forget'), () => { if (confirm(t('key.forgetConfirm'))) { forget(); go('/'); } }, { class: 'link' })));
  show(...parts);
}
