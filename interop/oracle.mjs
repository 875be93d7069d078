// Answers questions about Nostr events with nostr-tools, the reference client, so Mutual's
// tests can compare their own answers against it (NIP-01 serialization, ids, signatures, JSON).
//
// Protocol: one JSON request per line on stdin, one JSON reply per line on stdout, in order.
// Byte strings go back hex-encoded so nothing depends on how a pipe or a decoder treats
// non-ASCII text. A request that fails gets {"error": "..."} instead of its usual reply.
//
//   {"op":"serialize","event":{...}}   -> {"hex": UTF-8 of serializeEvent, "id": getEventHash}
//   {"op":"verify","event":{...}}      -> {"ok": verifyEvent}
//   {"op":"finalize","template":{...}} -> {"json": hex of JSON.stringify(finalizeEvent(template, new key)),
//                                          "ordered": the same event with Mutual's field order,
//                                          "strings": hex of JSON.stringify(s) for content, then each tag value}
//   {"op":"same","original":hex,"event":{...}} -> {"equal": deep equality with JSON.parse(original), "ok": verifyEvent}
import { isDeepStrictEqual } from 'node:util';
import { finalizeEvent, generateSecretKey, getEventHash, serializeEvent, verifyEvent } from 'nostr-tools/pure';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const hexOfString = (s) => hex(utf8.encode(s));

function answer(request) {
  switch (request.op) {
    case 'serialize':
      return { hex: hexOfString(serializeEvent(request.event)), id: getEventHash(request.event) };
    case 'verify':
      return { ok: verifyEvent(request.event) };
    case 'finalize': {
      const event = finalizeEvent(request.template, generateSecretKey());
      const { id, pubkey, created_at, kind, tags, content, sig } = event;
      return {
        json: hexOfString(JSON.stringify(event)),
        ordered: hexOfString(JSON.stringify({ id, pubkey, created_at, kind, tags, content, sig })),
        strings: [content, ...tags.flat()].map((s) => hexOfString(JSON.stringify(s))),
      };
    }
    case 'same': {
      const original = JSON.parse(fromUtf8.decode(Buffer.from(request.original, 'hex')));
      return { equal: isDeepStrictEqual(original, request.event), ok: verifyEvent(request.event) };
    }
    default:
      throw new Error(`unknown op ${request.op}`);
  }
}

// Split on '\n' ourselves: readline would also break lines at a bare '\r', and the decoder
// set by setEncoding keeps multi-byte characters whole across chunks.
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let nl;
  while ((nl = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, nl);
    pending = pending.slice(nl + 1);
    if (line.trim() === '') continue;
    let reply;
    try {
      reply = answer(JSON.parse(line));
    } catch (e) {
      reply = { error: String(e && e.message ? e.message : e) };
    }
    process.stdout.write(JSON.stringify(reply) + '\n');
  }
});
