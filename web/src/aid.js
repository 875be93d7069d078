// Mutual's listing and match events, as docs/protocol.md ("Mutual listings and matches") defines
// them and `mutual post` / `mutual match` sign them: the browser signs the same events.
import * as nip19 from 'nostr-tools/nip19';
import { t, fmtKm, fmtAgo } from './i18n.js';

export const LISTING = 30402;
export const MATCH = 1402;
export const CATEGORIES = ['food', 'housing', 'transport', 'health', 'childcare', 'tools', 'skills', 'money', 'company', 'other'];
export const ICONS = {
  food: '🍲', housing: '🏠', transport: '🚗', health: '🩺', childcare: '🧸',
  tools: '🔧', skills: '🎓', money: '💶', company: '🤝', other: '✨',
};
export const PRECISIONS = { region: 4, near: 5, precise: 7 };

const now = () => Math.floor(Date.now() / 1000);

function labels(ns, values) {
  return [['L', ns], ...values.map((v) => ['l', v, ns])];
}

/**
 * The unsigned listing: {type, title, category, geohash (already cut to the precision), place,
 * radiusKm, urgency, until (unix end of the last day, or null), description, lang}.
 */
export function listingTemplate(f) {
  const created = now();
  const d = [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const expiration = f.until || created + 30 * 86400;
  const tags = [['d', d], ['title', f.title], ['published_at', String(created)]];
  if (f.place) tags.push(['location', f.place]);
  tags.push(['status', 'active'], ['t', 'mutual-aid'], ['t', f.category]);
  tags.push(...labels('mutual.aid', [f.type]), ...labels('mutual.aid.category', [f.category]));
  tags.push(...labels('mutual.aid.urgency', [f.urgency || 'normal']), ...labels('mutual.aid.status', ['open']));
  if (f.lang) tags.push(...labels('ISO-639-1', [f.lang]));
  for (let n = f.geohash.length; n >= 1; n--) tags.push(['g', f.geohash.slice(0, n)]);
  if (f.radiusKm) tags.push(['radius_km', String(f.radiusKm)]);
  if (f.until) tags.push(['window', String(created), String(f.until)]);
  tags.push(['expiration', String(expiration)], ['notify', 'dm']);
  return { kind: LISTING, created_at: created, tags, content: f.description || '' };
}

/** The same listing with another status (withdrawn, fulfilled), as a replacement. */
export function withStatus(event, status) {
  const nip99 = status === 'open' || status === 'matched' ? 'active' : 'sold';
  const tags = event.tags.map((tag) => {
    if (tag[0] === 'status') return ['status', nip99];
    if (tag[0] === 'l' && tag[2] === 'mutual.aid.status') return ['l', status, 'mutual.aid.status'];
    return tag;
  });
  return { kind: LISTING, created_at: Math.max(now(), event.created_at + 1), tags, content: event.content };
}

/** One step of a match (accept, decline, done, thanks), for the match as the node's API shows it. */
export function matchTemplate(step, match, content = '') {
  const author = (a) => a.split(':')[1];
  const tags = [['a', match.need, relayHint(), 'need'], ['a', match.offer, relayHint(), 'offer'], ['p', author(match.need)]];
  if (author(match.offer) !== author(match.need)) tags.push(['p', author(match.offer)]);
  if (match.suggestion) tags.push(['e', match.suggestion]);
  tags.push(['L', 'mutual.aid.match'], ['l', step, 'mutual.aid.match']);
  return { kind: MATCH, created_at: now(), tags, content };
}

function relayHint() {
  return location.origin.replace(/^http/, 'ws') + '/';
}

/** A listing event read into the API's shape (for one's own listings, read from the relay). */
export function readListing(e) {
  const tag = (n) => (e.tags.find((x) => x[0] === n) || [])[1];
  const label = (ns) => e.tags.filter((x) => x[0] === 'l' && x[2] === ns).map((x) => x[1]);
  const d = tag('d');
  return {
    ref: `${LISTING}:${e.pubkey}:${d}`,
    naddr: nip19.naddrEncode({ kind: LISTING, pubkey: e.pubkey, identifier: d }),
    author: e.pubkey, title: tag('title') || '', content: e.content, location: tag('location'),
    type: label('mutual.aid')[0], categories: label('mutual.aid.category'), urgency: label('mutual.aid.urgency')[0] || 'normal',
    status: label('mutual.aid.status')[0] || 'open', created_at: e.created_at, expiration: Number(tag('expiration')) || null,
    event: e,
  };
}

export function naddrOf(ref) {
  const [kind, pubkey, ...rest] = ref.split(':');
  return nip19.naddrEncode({ kind: Number(kind), pubkey, identifier: rest.join(':') });
}

/** The reasons of a fit in the person's language, from what the node measured. */
export function reasons(fit, mine) {
  const other = fit.listing;
  const out = [];
  const shared = (other.categories || []).filter((c) => (mine.categories || []).includes(c));
  if (shared.length) out.push(t('reason.category', { categories: shared.map((c) => t(`category.${c}`)).join(', ') }));
  if (typeof fit.distance_km === 'number') out.push(fit.distance_km < 0.5 ? t('reason.sameArea') : t('reason.distance', { distance: fmtKm(fit.distance_km) }));
  const need = mine.type === 'need' ? mine : other;
  if (need.urgency === 'urgent') out.push(t('reason.urgent'));
  if ((fit.reasons || []).some((r) => r.startsWith('trusted'))) out.push(t('reason.trusted'));
  if (other.published_at) out.push(t('reason.posted', { ago: fmtAgo(other.published_at) }));
  return out;
}
