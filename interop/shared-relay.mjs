// Two node processes on one PostgreSQL database, each reached by its own nostr-tools client, for
// SharedPostgresTest: an event published to the first arrives live at a subscriber of the second,
// and two versions of one replaceable event sent at once, one to each, settle the same on both.
// Usage: node shared-relay.mjs ws://127.0.0.1:PORT_A/ ws://127.0.0.1:PORT_B/
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay'
import { generateSecretKey, getPublicKey, finalizeEvent } from 'nostr-tools/pure'
import WebSocket from 'ws'

useWebSocketImplementation(WebSocket)
const [urlA, urlB] = process.argv.slice(2)
const out = {}
const now = () => Math.floor(Date.now() / 1000)
const settle = (p) => p.then((v) => ({ ok: true, v: String(v) }), (e) => ({ ok: false, v: String(e && e.message || e) }))
const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error('timed out waiting for ' + what)), ms))
const ids = (relay, filter) => new Promise((resolve) => {
  const got = []
  relay.subscribe([filter], { onevent: (e) => got.push(e.id), oneose: () => resolve(got) })
})

try {
  const sk = generateSecretKey()
  const pk = getPublicKey(sk)
  const a = await Relay.connect(urlA)
  const b = await Relay.connect(urlB)

  let live = null
  const gotLive = new Promise((resolve) => { live = resolve })
  await Promise.race([new Promise((resolve) => {
    b.subscribe([{ authors: [pk], kinds: [1] }], { onevent: (e) => live(e.id), oneose: () => resolve() })
  }), timeout(10000, 'EOSE from the second node')])
  const note = finalizeEvent({ kind: 1, created_at: now(), tags: [], content: 'published to the first node' }, sk)
  out.publish = await settle(a.publish(note))
  out.noteId = note.id
  out.liveId = await Promise.race([gotLive, timeout(15000, 'the event live on the second node')])

  const at = now()
  const v1 = finalizeEvent({ kind: 0, created_at: at, tags: [], content: '{"name":"one"}' }, sk)
  const v2 = finalizeEvent({ kind: 0, created_at: at, tags: [], content: '{"name":"two"}' }, sk)
  const [r1, r2] = await Promise.all([settle(a.publish(v1)), settle(b.publish(v2))])
  out.versions = [v1.id, v2.id]
  out.versionResults = [r1, r2]
  out.profileOnA = await Promise.race([ids(a, { authors: [pk], kinds: [0] }), timeout(10000, 'the profile on the first node')])
  out.profileOnB = await Promise.race([ids(b, { authors: [pk], kinds: [0] }), timeout(10000, 'the profile on the second node')])
  a.close()
  b.close()
} catch (e) {
  out.error = String(e && e.stack || e)
}
process.stdout.write(JSON.stringify(out) + '\n')
process.exit(0)
