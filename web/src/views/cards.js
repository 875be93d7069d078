// How a listing looks wherever it is shown: its kind, icon, title, place, when and words.
import { h } from '../dom.js';
import { t, fmtDate } from '../i18n.js';
import { ICONS } from '../aid.js';

export function listingCard(l, ...extra) {
  const icon = ICONS[(l.categories || [])[0]] || ICONS.other;
  return h('article', { class: `listing ${l.type}`, 'data-ref': l.ref },
    h('p', { class: 'kind' }, h('span', { class: 'icon', 'aria-hidden': 'true' }, icon), ' ',
      t(`type.${l.type}`), ' · ', (l.categories || []).map((c) => t(`category.${c}`)).join(', '),
      l.urgency === 'urgent' ? h('span', { class: 'urgent' }, ' · ', t('urgency.urgent')) : null),
    h('h3', {}, l.title),
    l.location ? h('p', { class: 'place' }, '📍 ', l.location) : null,
    l.content ? h('p', { class: 'content' }, l.content) : null,
    l.expiration ? h('p', { class: 'meta' }, t('listing.until', { date: fmtDate(l.expiration) })) : null,
    ...extra);
}
