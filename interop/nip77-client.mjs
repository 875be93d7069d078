// Reconciles with a node using nostr-tools' own NIP-77 code (NegentropySync over its Relay) and
// prints what it learned, for Nip77InteropTest. Usage: node nip77-client.mjs ws://127.0.0.1:PORT/
// Reads one JSON line per sync from stdin: {"filter":{...},"items":[[created_at,"id hex"],...]}
// and answers each with one line: {"have":[ids it has that the node lacks],"need":[ids the node has],"error":...}.
// nip77.js is not in nostr-tools' package exports, so it is imported by file.
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay'
import { NegentropySync, NegentropyStorageVector } from './node_modules/nostr-tools/lib/esm/nip77.js'
import WebSocket from 'ws'
import readline from 'node:readline'

useWebSocketImplementation(WebSocket)
const url = process.argv[2]
const relay = await Relay.connect(url)
const lines = readline.createInterface({ input: process.stdin })

for await (const line of lines) {
  if (!line.trim()) continue
  const out = { have: [], need: [] }
  try {
    const req = JSON.parse(line)
    const storage = new NegentropyStorageVector()
    for (const [ts, id] of req.items) storage.insert(ts, id)
    storage.seal()
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out')), 60000)
      const sync = new NegentropySync(relay, storage, req.filter, {
        onhave: (id) => out.have.push(id),
        onneed: (id) => out.need.push(id),
        onclose: (reason) => { clearTimeout(timer); reason ? reject(new Error(reason)) : resolve() },
      })
      sync.start()
    })
  } catch (e) {
    out.error = String(e && e.message || e)
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}
relay.close()
process.exit(0)
