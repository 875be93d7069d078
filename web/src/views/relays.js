// On the first post from this browser: the person's relay lists (NIP-65 kind 10002, NIP-17 kind
// 10050) name this node, as `mutual post` does, so that others know where to find and write to them.
import { publish, query, relayUrl } from '../node.js';

export async function announceRelays(signer) {
  const flag = `mutual.relays.${signer.pubkey}`;
  if (localStorage.getItem(flag)) return;
  const have = await query([{ kinds: [10002, 10050], authors: [signer.pubkey] }]);
  const now = Math.floor(Date.now() / 1000);
  if (!have.some((e) => e.kind === 10002)) await publish(await signer.signEvent({ kind: 10002, created_at: now, tags: [['r', relayUrl]], content: '' }));
  if (!have.some((e) => e.kind === 10050)) await publish(await signer.signEvent({ kind: 10050, created_at: now, tags: [['relay', relayUrl]], content: '' }));
  localStorage.setItem(flag, '1');
}
