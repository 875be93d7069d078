// Place names through the node's offline gazetteer (GET /api/places), and the device's position
// cut to the chosen precision before it is used for anything.
import ngeohash from 'ngeohash';
import { api } from './node.js';
import { t } from './i18n.js';

/** Place labels ("Lisbon, PT") that start like what was typed, for the suggestion list. */
export async function suggest(text) {
  if (text.trim().length < 2) return [];
  try {
    return (await api('/places?q=' + encodeURIComponent(text.trim()))).places;
  } catch {
    return [];
  }
}

/**
 * The one place meant by the text: a label from the list, a name that names one place, or a name
 * with its country. Throws an Error whose message is for the person (not found, which one).
 */
export async function resolve(text) {
  const q = text.trim();
  const { places, suggestions } = await api('/places?q=' + encodeURIComponent(q));
  const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const byLabel = places.find((p) => fold(p.label) === fold(q));
  if (byLabel) return byLabel;
  const name = fold(q.split(',')[0].trim());
  const exact = places.filter((p) => fold(p.name) === name);
  if (exact.length === 1 || (exact.length > 1 && new Set(exact.map((p) => p.country)).size === 1)) return exact[0];
  if (exact.length > 1) throw new Error(t('place.several', { place: q, example: exact[0].label }));
  if (suggestions.length) throw new Error(t('place.didYouMean', { place: q, suggestions: suggestions.join(t('place.or')) }));
  throw new Error(t('place.notFound', { place: q }));
}

/** The device's position as a geohash of {@code length} characters: never finer than asked. */
export function myCell(length) {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new Error(t('place.noLocation')));
    navigator.geolocation.getCurrentPosition(
      (pos) => resolve(ngeohash.encode(pos.coords.latitude, pos.coords.longitude, length)),
      () => reject(new Error(t('place.noLocation'))),
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  });
}

/** The name of the town nearest to a (coarse) cell, to show with it. */
export async function nameOf(cell) {
  try {
    const { places } = await api('/places?near=' + cell);
    return places[0] ? places[0].label : '';
  } catch {
    return '';
  }
}
