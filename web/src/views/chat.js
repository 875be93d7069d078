// "Talk privately": conversations with the other side of a match, end-to-end encrypted (NIP-17).
// The node's match notices arrive here too, from the node's own key.
import * as nip19 from 'nostr-tools/nip19';
import { h, show, field, fieldError, formMessage } from '../dom.js';
import { t, fmtDateTime } from '../i18n.js';
import { current } from '../identity.js';
import { nodeInfo, api } from '../node.js';
import { inbox, live, send } from '../dm.js';

const DRAFT = 'mutual.draft.message.';

function who(pubkey, node) {
  if (pubkey === node) return t('chat.node');
  return nip19.npubEncode(pubkey).slice(0, 14) + '…';
}

export async function chatPage(with_, about) {
  const me = current();
  const node = (await nodeInfo()).pubkey;
  const messages = await inbox(me);
  const seen = new Set(messages.map((m) => m.id));
  if (!with_) return listPage(me, node, messages);
  const other = with_.startsWith('npub1') ? nip19.decode(with_).data : with_;
  const log = h('ol', { class: 'messages', 'aria-live': 'polite' });
  const add = (m) => {
    if (m.with !== other) return;
    const mine = m.pubkey === me.pubkey;
    log.append(h('li', { class: mine ? 'from-me' : 'from-them' },
      h('p', { class: 'meta' }, mine ? t('chat.you') : who(m.pubkey, node), ' · ', fmtDateTime(m.created_at)), h('p', { class: 'text' }, m.content)));
  };
  messages.forEach(add);
  const text = h('textarea', { rows: 2, value: localStorage.getItem(DRAFT + other) || '',
    oninput: (e) => localStorage.setItem(DRAFT + other, e.target.value) });
  text.value = localStorage.getItem(DRAFT + other) || '';
  const form = h('form', { id: 'send', onsubmit: async (e) => {
    e.preventDefault();
    fieldError('message', text.value.trim() ? '' : t('chat.empty'));
    if (!text.value.trim()) return;
    const b = form.querySelector('button');
    b.disabled = true;
    try {
      const m = await send(me, other, text.value.trim());
      seen.add(m.id);
      add({ ...m, with: other });
      text.value = '';
      localStorage.removeItem(DRAFT + other);
      formMessage(form, '');
    } catch (err) {
      formMessage(form, t('chat.notSent', { reason: err.message }));
    } finally {
      b.disabled = false;
    }
  } }, field('message', t('chat.message'), text), h('button', { type: 'submit' }, t('chat.send')));
  // Opened from a listing or a match: the conversation is named by what it is about.
  const listing = about ? await api(`/listings/${encodeURIComponent(about)}`).catch(() => null) : null;
  show(h('h1', {}, t('chat.with', { who: who(other, node) })),
    listing ? h('p', { class: 'about' }, t('chat.about', { title: listing.title })) : null,
    h('p', { class: 'hint' }, t('chat.private')), log, form,
    h('p', {}, h('a', { href: '#/chat' }, t('chat.all'))));
  return live(me, (m) => {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    add(m);
  });
}

function listPage(me, node, messages) {
  const last = new Map();
  for (const m of messages) last.set(m.with, m);
  const rows = [...last.values()].sort((a, b) => b.created_at - a.created_at).map((m) => h('li', {},
    h('a', { href: `#/chat/${m.with}` }, who(m.with, node)), h('p', { class: 'meta' }, fmtDateTime(m.created_at)),
    h('p', { class: 'preview' }, m.content.slice(0, 140))));
  show(h('h1', {}, t('chat.heading')), h('p', { class: 'hint' }, t('chat.private')),
    rows.length ? h('ul', { class: 'conversations' }, rows) : h('p', {}, t('chat.none')));
}
