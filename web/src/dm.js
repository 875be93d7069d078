// Private messages, NIP-17: a kind-14 message sealed (kind 13, signed by the sender, NIP-44) and
// gift-wrapped (kind 1059, by a throwaway key) once for the other person and once for oneself.
// Sealing goes through the person's signer, so extensions and remote signers work too.
import { getEventHash, verifyEvent } from 'nostr-tools/pure';
import { createWrap } from 'nostr-tools/nip59';
import { publish, query, follow, signIn } from './node.js';

const now = () => Math.floor(Date.now() / 1000);
const blurred = () => now() - Math.floor(Math.random() * 2 * 86400); // NIP-59: hide when it was sent

export async function send(signer, to, text, subject) {
  const rumor = { kind: 14, created_at: now(), pubkey: signer.pubkey, tags: [['p', to]], content: text };
  if (subject) rumor.tags.push(['subject', subject]);
  rumor.id = getEventHash(rumor);
  for (const recipient of to === signer.pubkey ? [to] : [to, signer.pubkey]) {
    const seal = await signer.signEvent({ kind: 13, created_at: blurred(), tags: [], content: await signer.encrypt(recipient, JSON.stringify(rumor)) });
    await publish(createWrap(seal, recipient));
  }
  return rumor;
}

/** The message inside a gift wrap, checked: the seal is signed by the one who wrote it. */
export async function unwrap(signer, wrap) {
  const seal = JSON.parse(await signer.decrypt(wrap.pubkey, wrap.content));
  if (seal.kind !== 13 || !verifyEvent(seal)) throw new Error('bad seal');
  const rumor = JSON.parse(await signer.decrypt(seal.pubkey, seal.content));
  if (rumor.pubkey !== seal.pubkey) throw new Error('forged sender');
  return rumor;
}

/** Every message to or from the person, oldest first, each with {with: the other person's key}. */
export async function inbox(signer) {
  await signIn();
  const wraps = await query([{ kinds: [1059], '#p': [signer.pubkey] }]);
  const seen = new Set();
  const out = [];
  for (const w of wraps) {
    try {
      const m = await unwrap(signer, w);
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(withOther(signer, m));
    } catch {
      // a wrap that is not for us, or damaged: nothing to show
    }
  }
  return out.sort((a, b) => a.created_at - b.created_at);
}

function withOther(signer, m) {
  const to = (m.tags.find((x) => x[0] === 'p') || [])[1];
  return { ...m, with: m.pubkey === signer.pubkey ? to : m.pubkey };
}

/** Calls back with each new message as it arrives. */
export async function live(signer, onmessage) {
  await signIn();
  return follow([{ kinds: [1059], '#p': [signer.pubkey], since: now() - 3 * 86400 }], async (w) => {
    try {
      onmessage(withOther(signer, await unwrap(signer, w)));
    } catch {
      // not readable
    }
  });
}
