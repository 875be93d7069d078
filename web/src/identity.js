// Who the person is in this browser: a key made or pasted here (kept only as NIP-49 ncryptsec,
// encrypted with their passphrase, and decrypted into memory for this visit), a NIP-07 extension
// or a NIP-46 remote signer. Each gives the same signer: public key, sign, NIP-44 encrypt/decrypt.
// The secret key never leaves this file except as ncryptsec in the person's own export.
import { generateSecretKey, getPublicKey, finalizeEvent } from 'nostr-tools/pure';
import * as nip49 from 'nostr-tools/nip49';
import * as nip19 from 'nostr-tools/nip19';
import * as nip44 from 'nostr-tools/nip44';
import { BunkerSigner, parseBunkerInput } from 'nostr-tools/nip46';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

const KEY = 'mutual.identity';
let signer = null;

/** What this browser remembers: {type: 'local', pubkey, ncryptsec} | {type: 'nip07', pubkey} | {type: 'nip46', pubkey, bunker, client}. */
export function stored() {
  try {
    return JSON.parse(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export function current() {
  return signer;
}

export function npub() {
  return signer ? nip19.npubEncode(signer.pubkey) : '';
}

function localSigner(sk) {
  const pubkey = getPublicKey(sk);
  const ck = (pk) => nip44.getConversationKey(sk, pk);
  return {
    type: 'local', pubkey,
    signEvent: async (template) => finalizeEvent(template, sk),
    encrypt: async (pk, text) => nip44.encrypt(text, ck(pk)),
    decrypt: async (pk, text) => nip44.decrypt(text, ck(pk)),
  };
}

function save(record) {
  localStorage.setItem(KEY, JSON.stringify(record));
}

/** A new key, stored encrypted with the passphrase. */
export function createKey(passphrase) {
  const sk = generateSecretKey();
  const s = localSigner(sk);
  save({ type: 'local', pubkey: s.pubkey, ncryptsec: nip49.encrypt(sk, passphrase) });
  signer = s;
  return s;
}

/** An nsec, hex key or ncryptsec that the person pasted; throws Error('key.bad') or Error('key.wrongPassphrase'). */
export function importKey(text, passphrase) {
  const v = text.trim();
  let sk;
  let ncryptsec;
  if (v.startsWith('ncryptsec1')) {
    try {
      sk = nip49.decrypt(v, passphrase);
    } catch {
      throw new Error('key.wrongPassphrase');
    }
    ncryptsec = v;
  } else if (v.startsWith('nsec1')) {
    try {
      sk = nip19.decode(v).data;
    } catch {
      throw new Error('key.bad');
    }
  } else if (/^[0-9a-f]{64}$/i.test(v)) {
    sk = hexToBytes(v.toLowerCase());
  } else {
    throw new Error('key.bad');
  }
  const s = localSigner(sk);
  save({ type: 'local', pubkey: s.pubkey, ncryptsec: ncryptsec || nip49.encrypt(sk, passphrase) });
  signer = s;
  return s;
}

/** Opens the stored key with its passphrase; throws Error('key.wrongPassphrase'). */
export function unlock(passphrase) {
  const r = stored();
  try {
    signer = localSigner(nip49.decrypt(r.ncryptsec, passphrase));
  } catch {
    throw new Error('key.wrongPassphrase');
  }
  return signer;
}

function extensionSigner(pubkey) {
  const n = window.nostr;
  return {
    type: 'nip07', pubkey,
    signEvent: (template) => n.signEvent(template),
    encrypt: (pk, text) => (n.nip44 ? n.nip44.encrypt(pk, text) : Promise.reject(new Error('key.noNip44'))),
    decrypt: (pk, text) => (n.nip44 ? n.nip44.decrypt(pk, text) : Promise.reject(new Error('key.noNip44'))),
  };
}

export function hasExtension() {
  return typeof window.nostr === 'object' && window.nostr !== null;
}

/** A NIP-07 browser extension (nos2x, Alby…): it keeps the key and signs when asked. */
export async function useExtension() {
  if (!hasExtension()) throw new Error('key.noExtension');
  const pubkey = await window.nostr.getPublicKey();
  save({ type: 'nip07', pubkey });
  signer = extensionSigner(pubkey);
  return signer;
}

function bunkerSigner(bs, pubkey) {
  return {
    type: 'nip46', pubkey,
    signEvent: (template) => bs.signEvent(template),
    encrypt: (pk, text) => bs.nip44Encrypt(pk, text),
    decrypt: (pk, text) => bs.nip44Decrypt(pk, text),
  };
}

/** A NIP-46 remote signer (bunker://… URL); this browser keeps only a throwaway key to talk to it. */
export async function useBunker(url) {
  const bp = await parseBunkerInput(url.trim());
  if (!bp) throw new Error('key.badBunker');
  const client = generateSecretKey();
  const bs = BunkerSigner.fromBunker(client, bp, { timeout: 20000 });
  await bs.connect();
  const pubkey = await bs.getPublicKey();
  save({ type: 'nip46', pubkey, bunker: url.trim(), client: bytesToHex(client) });
  signer = bunkerSigner(bs, pubkey);
  return signer;
}

/** After a reload: an extension or bunker comes back by itself; a local key waits for its passphrase. */
export async function restore() {
  const r = stored();
  if (!r || signer) return signer;
  if (r.type === 'nip07') {
    for (let i = 0; i < 10 && !hasExtension(); i++) await new Promise((res) => setTimeout(res, 100));
    if (hasExtension()) signer = extensionSigner(r.pubkey);
  } else if (r.type === 'nip46') {
    const bp = await parseBunkerInput(r.bunker);
    if (bp) signer = bunkerSigner(BunkerSigner.fromBunker(hexToBytes(r.client), bp, { timeout: 20000 }), r.pubkey);
  }
  return signer;
}

export function forget() {
  localStorage.removeItem(KEY);
  signer = null;
}
