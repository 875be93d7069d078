// Listings near a place, filtered by type and category and searched by words (GET /api/listings).
import { h, show, field, fieldError } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../node.js';
import { CATEGORIES, ICONS } from '../aid.js';
import { resolve, myCell, nameOf } from '../places.js';
import { listingCard } from './cards.js';

const LAST = 'mutual.near';

export async function nearPage() {
  const saved = JSON.parse(localStorage.getItem(LAST) || '{}');
  const results = h('div', { id: 'near-results', 'aria-live': 'polite' });
  const place = h('input', { type: 'text', value: saved.place || '' });
  const type = h('select', {}, h('option', { value: '' }, t('near.anyType')), ['need', 'offer'].map((v) => h('option', { value: v, selected: saved.type === v }, t(`type.${v}`))));
  const category = h('select', {}, h('option', { value: '' }, t('near.anyCategory')),
    CATEGORIES.map((c) => h('option', { value: c, selected: saved.category === c }, `${ICONS[c]} ${t(`category.${c}`)}`)));
  const words = h('input', { type: 'search', value: saved.q || '' });
  let cell = saved.cell || '';
  place.addEventListener('input', () => { cell = ''; });
  const form = h('form', { id: 'near', onsubmit: (e) => { e.preventDefault(); search(); } },
    field('near-place', t('near.place'), place),
    h('button', { type: 'button', class: 'secondary', onclick: async () => {
      try {
        cell = await myCell(5);
        place.value = (await nameOf(cell)) || cell;
        search();
      } catch (e) {
        fieldError('near-place', e.message);
      }
    } }, '📍 ', t('post.useLocation')),
    h('div', { class: 'row' }, field('near-type', t('near.type'), type), field('near-category', t('near.category'), category)),
    field('near-q', t('near.words'), words),
    h('button', { type: 'submit' }, t('near.search')));

  async function search() {
    fieldError('near-place', '');
    try {
      if (!cell) {
        if (!place.value.trim()) return fieldError('near-place', t('post.placeMissing'));
        cell = (await resolve(place.value)).geohash.slice(0, 5);
      }
      localStorage.setItem(LAST, JSON.stringify({ place: place.value, cell, type: type.value, category: category.value, q: words.value }));
      const params = new URLSearchParams({ near: cell, radius_km: '25', limit: '50' });
      if (type.value) params.set('type', type.value);
      if (category.value) params.set('category', category.value);
      if (words.value.trim()) params.set('q', words.value.trim());
      const { listings } = await api('/listings?' + params);
      results.replaceChildren(h('p', {}, t('near.found', { n: listings.length })),
        ...listings.map((l) => listingCard(l, h('p', {}, h('a', { href: `#/listing/${l.naddr}` }, t('near.open'))))));
    } catch (e) {
      fieldError('near-place', e.message);
    }
  }

  show(h('h1', {}, t('near.heading')), form, results);
  if (saved.place) search();
}
