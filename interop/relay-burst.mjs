// A client's ordinary heavy use, at a node's default settings, with nostr-tools' own relay client:
// connected as ws://localhost:PORT/ (the name a browser page uses), it publishes 600 events at once
// from a few authors, queries and counts them, deletes some (NIP-09) and sees them gone, keeps a
// subscription open for a live event, and authenticates (NIP-42) under the name localhost.
// Prints one JSON line of findings for NostrToolsRelayTest. Usage: node relay-burst.mjs ws://localhost:PORT/
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay'
import { generateSecretKey, getPublicKey, finalizeEvent } from 'nostr-tools/pure'
import WebSocket from 'ws'

useWebSocketImplementation(WebSocket)
const url = process.argv[2]
const out = {}
const now = () => Math.floor(Date.now() / 1000)
const settle = (p) => p.then((v) => ({ ok: true, v: String(v) }), (e) => ({ ok: false, v: String(e && e.message || e) }))
const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error('timed out waiting for ' + what)), ms))

try {
  const keys = [0, 1, 2].map(() => generateSecretKey())
  const relay = await Relay.connect(url)
  relay.publishTimeout = 30000
  const tag = 'burst-' + Math.random().toString(36).slice(2)
  const events = []
  for (let i = 0; i < 600; i++)
    events.push(finalizeEvent({ kind: 1, created_at: now() - i, tags: [['t', tag]], content: 'event ' + i }, keys[i % 3]))
  const results = await Promise.all(events.map((e) => settle(relay.publish(e))))
  out.published = results.filter((r) => r.ok).length
  out.refusals = [...new Set(results.filter((r) => !r.ok).map((r) => r.v))]

  const got = []
  await Promise.race([new Promise((resolve) => {
    relay.subscribe([{ '#t': [tag], limit: 500 }], { onevent: (e) => got.push(e.id), oneose: () => resolve() })
  }), timeout(20000, 'EOSE')])
  out.queried = got.length
  out.counted = await relay.count([{ '#t': [tag] }], {})

  const doomed = events.filter((e, i) => i % 3 === 0).slice(0, 50)
  const deletion = finalizeEvent({ kind: 5, created_at: now(), tags: doomed.map((e) => ['e', e.id]), content: 'posted by mistake' }, keys[0])
  out.deletion = await settle(relay.publish(deletion))
  out.countedAfterDeletion = await relay.count([{ '#t': [tag] }], {})

  let live = null
  const gotLive = new Promise((resolve) => { live = resolve })
  relay.subscribe([{ '#t': [tag], since: now() }], { onevent: (e) => live(e.id), oneose: () => {} })
  const fresh = finalizeEvent({ kind: 1, created_at: now(), tags: [['t', tag]], content: 'live' }, keys[1])
  out.freshPublish = await settle(relay.publish(fresh))
  out.liveMatches = (await Promise.race([gotLive, timeout(10000, 'a live event')])) === fresh.id

  out.auth = await settle(relay.auth(async (template) => finalizeEvent(template, keys[2])))
  relay.close()
} catch (e) {
  out.error = String(e && e.stack || e)
}
process.stdout.write(JSON.stringify(out) + '\n')
process.exit(0)
