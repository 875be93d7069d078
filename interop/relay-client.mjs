// Drives a running node with nostr-tools' own relay client and prints one JSON line of findings
// for NostrToolsRelayTest: publish, duplicate, REQ/EOSE, live events, COUNT, NIP-42 AUTH and a
// NIP-70 protected event, and a 100 KB event over permessage-deflate. Usage: node relay-client.mjs ws://127.0.0.1:PORT/
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
  const sk = generateSecretKey()
  const pk = getPublicKey(sk)
  const relay = await Relay.connect(url)

  const first = finalizeEvent({ kind: 1, created_at: now(), tags: [['t', 'interop']], content: 'hello from nostr-tools' }, sk)
  out.publish = await settle(relay.publish(first))
  out.duplicate = await settle(relay.publish(first))

  const stored = []
  let live = null
  const gotLive = new Promise((resolve) => { live = resolve })
  const eose = new Promise((resolve) => {
    relay.subscribe([{ authors: [pk] }], {
      onevent: (e) => { stored.push(e.id); if (e.content === 'live one') live(e.id) },
      oneose: () => resolve(),
    })
  })
  await Promise.race([eose, timeout(10000, 'EOSE')])
  out.storedIds = [...stored]
  out.firstId = first.id

  const second = finalizeEvent({ kind: 1, created_at: now(), tags: [], content: 'live one' }, sk)
  out.secondPublish = await settle(relay.publish(second))
  out.liveId = await Promise.race([gotLive, timeout(10000, 'a live event')])
  out.secondId = second.id

  out.count = await relay.count([{ authors: [pk] }], {})

  // The ws library negotiates permessage-deflate, as browsers do: a 100 KB event must go both ways.
  const big = finalizeEvent({ kind: 30023, created_at: now(), tags: [['d', 'guide']], content: 'A guide to sharing. '.repeat(5000) }, sk)
  out.bigPublish = await settle(relay.publish(big))
  const bigBack = []
  await Promise.race([new Promise((resolve) => {
    relay.subscribe([{ ids: [big.id] }], { onevent: (e) => bigBack.push(e.content.length), oneose: () => resolve() })
  }), timeout(10000, 'the large event')])
  out.bigLengths = [big.content.length, ...bigBack]

  const protectedEvent = finalizeEvent({ kind: 1, created_at: now(), tags: [['-']], content: 'only from my own connection' }, sk)
  out.protectedBeforeAuth = await settle(relay.publish(protectedEvent))
  out.auth = await settle(relay.auth(async (template) => finalizeEvent(template, sk)))
  out.protectedAfterAuth = await settle(relay.publish(protectedEvent))

  relay.close()
} catch (e) {
  out.error = String(e && e.stack || e)
}
process.stdout.write(JSON.stringify(out) + '\n')
process.exit(0)
