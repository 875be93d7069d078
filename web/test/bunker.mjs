// A small NIP-46 remote signer for the browser tests: it holds a key in this Node.js process and
// answers signing and NIP-44 requests that arrive as kind-24133 events on the node's relay.
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import { generateSecretKey, getPublicKey, finalizeEvent } from 'nostr-tools/pure';
import * as nip44 from 'nostr-tools/nip44';
import WebSocket from 'ws';

useWebSocketImplementation(WebSocket);
const now = () => Math.floor(Date.now() / 1000);

export async function startBunker(relayUrl) {
  const sk = generateSecretKey();
  const pk = getPublicKey(sk);
  const secret = Math.random().toString(36).slice(2);
  const relay = await Relay.connect(relayUrl);
  const served = [];
  const answer = (req, from) => {
    const ck = (other) => nip44.getConversationKey(sk, other);
    switch (req.method) {
      case 'connect': return req.params[1] === secret ? { result: 'ack' } : { error: 'wrong secret' };
      case 'get_public_key': return { result: pk };
      case 'ping': return { result: 'pong' };
      case 'switch_relays': return { result: 'null' };
      case 'sign_event': return { result: JSON.stringify(finalizeEvent(JSON.parse(req.params[0]), sk)) };
      case 'nip44_encrypt': return { result: nip44.encrypt(req.params[1], ck(req.params[0])) };
      case 'nip44_decrypt': return { result: nip44.decrypt(req.params[1], ck(req.params[0])) };
      default: return { error: `${req.method} is not supported` };
    }
  };
  relay.subscribe([{ kinds: [24133], '#p': [pk], since: now() - 5 }], {
    onevent: async (e) => {
      const ck = nip44.getConversationKey(sk, e.pubkey);
      const req = JSON.parse(nip44.decrypt(e.content, ck));
      served.push(req.method);
      const reply = { id: req.id, ...answer(req, e.pubkey) };
      await relay.publish(finalizeEvent({ kind: 24133, created_at: now(), tags: [['p', e.pubkey]], content: nip44.encrypt(JSON.stringify(reply), ck) }, sk));
    },
  });
  return { sk, pk, url: `bunker://${pk}?relay=${encodeURIComponent(relayUrl)}&secret=${secret}`, served, close: () => relay.close() };
}
