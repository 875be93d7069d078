// Answers Mutual's interoperability tests on stdin/stdout, one JSON request and one JSON reply per
// line, using nostr-tools as any Nostr client would. Replies are JSON.stringify output, so lone
// surrogates travel as \udxxx escapes and every line is plain ASCII-safe UTF-8.
import { createInterface } from 'node:readline'
import { serializeEvent, getEventHash, verifyEvent, finalizeEvent, getPublicKey } from 'nostr-tools/pure'

const utf8 = new TextEncoder()
const hexToBytes = (h) => Uint8Array.from(Buffer.from(h, 'hex'))
const bytesToHex = (b) => Buffer.from(b).toString('hex')

function handle(req) {
  switch (req.op) {
    case 'serialize': {
      const s = serializeEvent(req.event)
      return { hex: bytesToHex(utf8.encode(s)), id: getEventHash(req.event) }
    }
    case 'verify':
      return { ok: verifyEvent(req.event) }
    case 'sign': {
      const event = finalizeEvent(req.template, hexToBytes(req.sk))
      return { json: JSON.stringify(event), pubkey: getPublicKey(hexToBytes(req.sk)) }
    }
    case 'reparse': {
      // Mutual wrote req.json; does it read back to the same event nostr-tools would write?
      const ours = JSON.parse(req.json)
      const theirs = JSON.parse(req.original)
      const same = JSON.stringify([ours.id, ours.pubkey, ours.created_at, ours.kind, ours.tags, ours.content, ours.sig]) ===
        JSON.stringify([theirs.id, theirs.pubkey, theirs.created_at, theirs.kind, theirs.tags, theirs.content, theirs.sig])
      return { same, content: JSON.stringify(theirs.content), tags: JSON.stringify(theirs.tags) }
    }
    default:
      throw new Error('unknown op ' + req.op)
  }
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of rl) {
  let reply
  try {
    reply = handle(JSON.parse(line))
  } catch (e) {
    reply = { error: String(e && e.message || e) }
  }
  process.stdout.write(JSON.stringify(reply) + '\n')
}
