// "See what fits": the person's listings, each with what fits it best first, the reasons in
// words, and the next step they can take (accept, decline, done, thanks, write to them).
import { h, show, button, formMessage } from '../dom.js';
import { t } from '../i18n.js';
import { current } from '../identity.js';
import { api, query, publish, follow } from '../node.js';
import { LISTING, MATCH, readListing, reasons, matchTemplate, withStatus } from '../aid.js';
import { send } from '../dm.js';
import { listingCard } from './cards.js';
import { go } from '../router.js';

export async function minePage(note) {
  const me = current();
  const box = h('div', { id: 'mine-list' }, h('p', {}, t('mine.loading')));
  show(h('h1', {}, t('mine.heading')),
    note === 'posted' ? h('p', { class: 'notice', role: 'status' }, t('mine.posted')) : null,
    h('p', { class: 'actions' }, h('a', { class: 'button', href: '#/post/need' }, t('mine.postNeed')), ' ',
      h('a', { class: 'button', href: '#/post/offer' }, t('mine.postOffer'))), box);
  const reload = () => load(me, box).catch((e) => box.replaceChildren(h('p', { role: 'alert', class: 'error' }, e.message)));
  const timers = [];
  // A step reaches this page as the node stores it; the node's API may count it a moment later,
  // so the page looks again shortly after.
  const refresh = () => {
    timers.splice(0).forEach(clearTimeout);
    timers.push(setTimeout(reload, 300), setTimeout(reload, 2500));
  };
  await reload();
  // New steps of one's matches (and the node's suggestions) show up without reloading.
  const stop = await follow([{ kinds: [MATCH], '#p': [me.pubkey], since: Math.floor(Date.now() / 1000) }], refresh);
  const every = setInterval(reload, 30000);
  return () => { timers.forEach(clearTimeout); clearInterval(every); stop(); };
}

async function load(me, box) {
  const events = await query([{ kinds: [LISTING], authors: [me.pubkey] }]);
  const listings = events.map(readListing).filter((l) => l.type).sort((a, b) => b.created_at - a.created_at);
  if (!listings.length) return box.replaceChildren(h('p', {}, t('mine.none')));
  const sections = [];
  for (const l of listings) sections.push(await section(me, l));
  box.replaceChildren(...sections);
}

async function section(me, l) {
  const live = l.status === 'open' || l.status === 'matched';
  const fits = live ? await api(`/listings/${encodeURIComponent(l.ref)}/matches`).catch(() => ({ matches: [], history: [] })) : { matches: [], history: [] };
  const items = [];
  for (const fit of fits.matches) {
    const match = fit.match_ref ? await api(`/matches/${fit.match_ref}`).catch(() => null) : null;
    items.push(matchItem(me, l, fit.listing, match, fit));
  }
  // Finished matches are no longer fits (docs/api.md); they stay here, with thanks still to give.
  const done = [];
  for (const m of (fits.history || []).filter((x) => x.state === 'done' || x.state === 'declined' || x.state === 'expired')) {
    const other = await api(`/listings/${encodeURIComponent(m.need === l.ref ? m.offer : m.need)}`).catch(() => null);
    if (other) done.push(matchItem(me, l, other, m, null));
  }
  const actions = h('p', { class: 'actions' },
    h('a', { href: `#/flyer/${l.naddr}` }, t('mine.flyer')), ' ',
    live ? button(t('mine.withdraw'), async () => {
      if (!confirm(t('mine.withdrawConfirm'))) return;
      await publish(await me.signEvent(withStatus(l.event, 'withdrawn')));
      go('/mine');
    }, { class: 'link' }) : h('span', { class: 'meta' }, t(`status.${l.status}`)));
  return h('section', { class: 'card mine', 'aria-label': l.title },
    listingCard(l, actions),
    live ? h('h4', {}, items.length ? t('mine.fits', { n: items.length }) : t('mine.noFits')) : null,
    items.length ? h('ol', { class: 'fits' }, items) : null,
    done.length ? h('details', { open: done.some((d) => d.querySelector('button.thanks')) }, h('summary', {}, t('mine.history', { n: done.length })),
      h('ol', { class: 'fits history' }, done)) : null);
}

/** One other listing and where the match with it stands, with the steps the person can take now. */
function matchItem(me, mine, other, match, fit) {
  const side = mine.type;
  const state = match ? match.state : 'fits';
  const accepted = match ? match.accepted_by || [] : [];
  const status = h('p', { class: `state ${state}` }, stateWords(state, accepted, side));
  const act = h('div', { class: 'actions' });
  const step = async (name, content = '') => {
    act.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      await publish(await me.signEvent(matchTemplate(name, match, content)));
      if (name === 'thanks' && content) await send(me, other.author, `thanks: ${content}`, `Match ${match.ref.slice(0, 8)}`);
      go('/mine');
    } catch (e) {
      formMessage(act, t('mine.stepRefused', { reason: e.message }));
      act.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    }
  };
  if (match) {
    if (state === 'suggested' && !accepted.includes(side)) act.append(button(t('step.accept'), () => step('accept'), { class: 'accept' }), ' ');
    if (state === 'suggested' || state === 'accepted') act.append(button(t('step.decline'), () => step('decline'), { class: 'secondary decline' }), ' ');
    if (state === 'accepted') act.append(button(t('step.done'), () => step('done'), { class: 'done' }), ' ');
    if (state === 'done' && !(match.steps || []).some((s) => s.step === 'thanks' && s.author === me.pubkey)) {
      const words = h('input', { type: 'text', id: `thanks-${match.ref}`, value: t('step.thanksDefault') });
      act.append(h('label', { for: words.id }, t('step.thanksLabel')), words, button(t('step.thanks'), () => step('thanks', words.value.trim() || t('step.thanksDefault')), { class: 'thanks' }));
    }
  }
  act.append(' ', h('a', { class: 'button secondary write', href: `#/chat/${other.author}/${other.naddr || ''}` }, t('mine.write')));
  return h('li', { class: 'fit', 'data-match': match ? match.ref : '' },
    listingCard(other), fit ? h('ul', { class: 'reasons', 'aria-label': t('mine.reasons') }, reasons(fit, mine).map((r) => h('li', {}, r))) : null,
    status, act);
}

function stateWords(state, accepted, side) {
  if (state === 'fits') return t('state.fits');
  if (state === 'suggested') return accepted.includes(side) ? t('state.youAccepted') : accepted.length ? t('state.theyAccepted') : t('state.suggested');
  return t(`state.${state}`);
}
