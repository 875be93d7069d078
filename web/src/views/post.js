// "Say what I need or what I can give": a short form whose draft stays in the browser until the
// node has stored the listing; every mistake is explained next to its field.
import { h, field, fieldError, formMessage, show } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import { current } from '../identity.js';
import { publish } from '../node.js';
import { CATEGORIES, ICONS, PRECISIONS, listingTemplate } from '../aid.js';
import { suggest, resolve, myCell, nameOf } from '../places.js';
import { announceRelays } from './relays.js';
import { go } from '../router.js';

const DRAFT = 'mutual.draft.post';
const FIELDS = ['type', 'title', 'category', 'place', 'precision', 'radius', 'until', 'urgency', 'description'];

function draft() {
  try {
    return JSON.parse(localStorage.getItem(DRAFT)) || {};
  } catch {
    return {};
  }
}

function read(form) {
  const data = new FormData(form);
  return Object.fromEntries(FIELDS.map((k) => [k, data.get(k) || '']));
}

function radios(name, values, chosen, label, icon) {
  return h('fieldset', { class: `choices ${name}`, id: name, 'aria-describedby': `${name}-error` }, h('legend', {}, label),
    values.map((v) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name, value: v, checked: v === chosen }),
      icon ? h('span', { class: 'icon', 'aria-hidden': 'true' }, icon(v)) : null, ' ', t(`${name}.${v}`))),
    h('p', { class: 'error', id: `${name}-error`, hidden: true }));
}

export function postPage(kind) {
  const d = draft();
  if (kind === 'need' || kind === 'offer') d.type = kind;
  let cell = d.cell || ''; // a cell from "use my location", already coarse
  const list = h('datalist', { id: 'place-list' });
  const place = h('input', { type: 'text', list: 'place-list', autocomplete: 'off', value: d.place || '', oninput: async (e) => {
    cell = '';
    const found = await suggest(e.target.value);
    list.replaceChildren(...found.map((p) => h('option', { value: p.label })));
  } });
  const precision = h('select', {}, Object.keys(PRECISIONS).map((p) => h('option', { value: p, selected: p === (d.precision || 'near') }, t(`precision.${p}`))));
  const locate = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    fieldError('place', '');
    try {
      cell = await myCell(PRECISIONS[precision.value]);
      place.value = (await nameOf(cell)) || cell;
      save();
    } catch (e) {
      fieldError('place', e.message);
    }
  } }, '📍 ', t('post.useLocation'));
  const form = h('form', { id: 'post', novalidate: true, oninput: () => save(), onsubmit: (e) => { e.preventDefault(); submit(); } },
    radios('type', ['need', 'offer'], d.type || 'need', t('post.type')),
    field('title', t('post.title'), h('input', { type: 'text', maxlength: 100, value: d.title || '' }), t('post.titleHint')),
    radios('category', CATEGORIES, d.category, t('post.category'), (c) => ICONS[c]),
    field('place', t('post.place'), place, t('post.placeHint')), list, locate,
    field('precision', t('post.precision'), precision, t('post.precisionHint')),
    field('radius', t('post.radius'), h('input', { type: 'number', min: 1, max: 500, inputmode: 'numeric', value: d.radius || '10' })),
    field('until', t('post.until'), h('input', { type: 'date', value: d.until || '' }), t('post.untilHint')),
    field('urgency', t('post.urgency'), h('select', {}, ['low', 'normal', 'urgent'].map((u) => h('option', { value: u, selected: u === (d.urgency || 'normal') }, t(`urgency.${u}`))))),
    field('description', t('post.description'), h('textarea', { rows: 4, maxlength: 2000 }, d.description || ''), t('post.descriptionHint')),
    h('button', { type: 'submit' }, t('post.submit')));

  function save() {
    localStorage.setItem(DRAFT, JSON.stringify({ ...read(form), cell }));
  }

  async function submit() {
    const v = read(form);
    for (const k of FIELDS) fieldError(k, '');
    formMessage(form, '');
    let ok = true;
    const fail = (k, msg) => { fieldError(k, msg); ok = false; };
    if (!v.title.trim()) fail('title', t('post.titleMissing'));
    if (!v.category) fail('category', t('post.categoryMissing'));
    const radius = Number(v.radius);
    if (!(radius > 0 && radius <= 500)) fail('radius', t('post.radiusBad'));
    let until = null;
    if (v.until) {
      until = Math.floor(Date.parse(v.until + 'T23:59:59Z') / 1000);
      if (!(until > Date.now() / 1000)) fail('until', t('post.untilPast'));
    }
    let geohash = cell;
    let placeName = v.place.trim();
    if (!placeName && !cell) fail('place', t('post.placeMissing'));
    else if (!cell) {
      try {
        const p = await resolve(placeName);
        geohash = p.geohash;
        placeName = p.label;
      } catch (e) {
        if (e.offline) return formMessage(form, e.message);
        fail('place', e.message);
      }
    }
    if (!ok) {
      const first = form.querySelector('[aria-invalid=true], .error:not([hidden])');
      if (first) (first.tagName === 'P' ? first.previousElementSibling || first : first).focus?.();
      return;
    }
    const template = listingTemplate({
      type: v.type, title: v.title.trim(), category: v.category, geohash: geohash.slice(0, PRECISIONS[v.precision]),
      place: v.precision === 'region' ? '' : placeName, radiusKm: radius, urgency: v.urgency, until,
      description: v.description.trim(), lang: currentLang(),
    });
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const signed = await current().signEvent(template);
      await publish(signed);
      localStorage.removeItem(DRAFT);
      announceRelays(current()).catch(() => {});
      go('/mine/posted');
    } catch (e) {
      formMessage(form, t('post.refused', { reason: e.message }));
    } finally {
      button.disabled = false;
    }
  }

  show(h('h1', {}, t('post.heading')), h('p', {}, t('post.intro')), form);
}
