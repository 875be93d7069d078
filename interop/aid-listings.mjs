// Writes Mutual listings with nostr-tools, by hand from docs/protocol.md ("Mutual listings and
// matches"), so the tests can check that listings from other clients are matched like Mutual's own.
// Usage: node aid-listings.mjs <unix now>   -> one signed event per line on stdout:
//   1. an offer of food in Neukölln, 2. a need for food in Kreuzberg, 3. an offer of housing in Neukölln.
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';

const now = Number(process.argv[2]);
// Geohashes of the cells, written out (5 characters: "near" precision) with every prefix, as the doc says.
const cell = (g) => [...Array(g.length).keys()].map((i) => ['g', g.slice(0, g.length - i)]);

function listing(type, category, title, geohash, extra = []) {
  return finalizeEvent({
    kind: 30402,
    created_at: now,
    content: `${title}, written by nostr-tools`,
    tags: [
      ['d', `nostr-tools-${type}-${category}`],
      ['title', title],
      ['published_at', String(now)],
      ['status', 'active'],
      ['t', 'mutual-aid'],
      ['t', category],
      ['L', 'mutual.aid'],
      ['l', type, 'mutual.aid'],
      ['L', 'mutual.aid.category'],
      ['l', category, 'mutual.aid.category'],
      ...cell(geohash),
      ['expiration', String(now + 14 * 86400)],
      ...extra,
    ],
  }, generateSecretKey());
}

const events = [
  listing('offer', 'food', 'Bread from the bakery', 'u33d9', [['radius_km', '8'], ['notify', 'dm']]),
  listing('need', 'food', 'Food for a family', 'u33d8', [['L', 'mutual.aid.urgency'], ['l', 'urgent', 'mutual.aid.urgency']]),
  listing('offer', 'housing', 'A spare room', 'u33d9'),
];
for (const e of events) process.stdout.write(JSON.stringify(e) + '\n');
