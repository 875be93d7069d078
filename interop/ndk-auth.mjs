// NDK (a second client library nobody here wrote) against a node at its default settings, connected
// as ws://localhost:PORT/ the way a web page opened at localhost connects: it signs in with NIP-42
// when the node sends its challenge, publishes a NIP-70 protected event (accepted only from its
// authenticated author) and fetches its own gift wraps (served only after AUTH).
// Prints one JSON line of findings for NdkAuthTest. Usage: node ndk-auth.mjs ws://localhost:PORT/
import NDK, { NDKPrivateKeySigner, NDKRelayAuthPolicies, NDKEvent } from '@nostr-dev-kit/ndk'
import WebSocket from 'ws'

globalThis.WebSocket = WebSocket // Node.js 20 has no WebSocket of its own
const url = process.argv[2]
const out = {}
const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error('timed out waiting for ' + what)), ms))

try {
  const signer = NDKPrivateKeySigner.generate()
  const me = await signer.user()
  const ndk = new NDK({ explicitRelayUrls: [url], signer })
  ndk.relayAuthDefaultPolicy = NDKRelayAuthPolicies.signIn({ ndk })
  const relay = [...ndk.pool.relays.values()][0]
  const authed = new Promise((resolve) => relay.once('authed', () => resolve(true)))
  await ndk.connect(10000)
  out.connected = relay.connectivity.status
  out.authed = await Promise.race([authed, timeout(10000, 'NIP-42 AUTH')])

  const protectedNote = new NDKEvent(ndk, { kind: 1, content: 'only from my own connection', tags: [['-']] })
  await protectedNote.sign()
  const accepted = await Promise.race([protectedNote.publish(), timeout(10000, 'the OK of a protected event')])
  out.protectedAccepted = accepted.size

  const wraps = await Promise.race([ndk.fetchEvents({ kinds: [1059], '#p': [me.pubkey] }), timeout(10000, 'EOSE of the gift wraps')])
  out.wraps = wraps.size
} catch (e) {
  out.error = String(e && e.stack || e)
}
process.stdout.write(JSON.stringify(out) + '\n')
process.exit(0)
