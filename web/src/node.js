// The node that served this page: its relay (WebSocket on the same address, NIP-42 sign-in with
// the person's signer when it asks) and its HTTP API (docs/api.md). When either does not answer,
// the page says so in the status line and keeps what the person typed.
import { Relay } from 'nostr-tools/relay';
import { current } from './identity.js';
import { t } from './i18n.js';

export const relayUrl = location.origin.replace(/^http/, 'ws') + '/';
let relay = null;
let connecting = null;

function offline(yes) {
  const box = document.getElementById('status');
  if (!box) return;
  box.textContent = yes ? t('status.offline') : '';
  box.className = yes ? 'offline' : '';
}

/** The error for a node that does not answer ({@code offline} set, so forms show it above rather than at a field). */
function unreachable() {
  const e = new Error(t('status.offline'));
  e.offline = true;
  return e;
}

export async function connect() {
  if (relay && relay.connected) return relay;
  if (connecting) return connecting;
  connecting = (async () => {
    const r = new Relay(relayUrl);
    r.onauth = (template) => (current() ? current().signEvent(template) : Promise.reject(new Error('no key')));
    r.onclose = () => offline(true);
    try {
      await r.connect({ timeout: 8000 });
    } catch (e) {
      offline(true);
      throw unreachable();
    }
    offline(false);
    relay = r;
    return r;
  })();
  try {
    return await connecting;
  } finally {
    connecting = null;
  }
}

/** Signs in (NIP-42) before asking for what only the person may read, such as their gift wraps. */
export async function signIn() {
  const r = await connect();
  for (let i = 0; i < 30 && !r.challenge; i++) await new Promise((res) => setTimeout(res, 100));
  if (r.challenge) await r.auth(r.onauth);
  return r;
}

/** Publishes a signed event; throws an Error whose message is the node's reason when it refuses. */
export async function publish(event) {
  const r = await connect();
  try {
    return await r.publish(event);
  } catch (e) {
    throw new Error(String(e.message || e).replace(/^(Error: )+/, ''));
  }
}

/** The stored events matching the filters, up to the end of stored events (EOSE). */
export async function query(filters) {
  const r = await connect();
  return new Promise((resolve, reject) => {
    const found = [];
    const sub = r.subscribe(filters, {
      onevent: (e) => found.push(e),
      oneose: () => {
        sub.close();
        resolve(found);
      },
      onclose: (reason) => (reason && !sub.eosed ? reject(new Error(reason)) : resolve(found)),
    });
  });
}

/** Follows new events matching the filters; returns a function that stops. */
export async function follow(filters, onevent) {
  const r = await connect();
  const sub = r.subscribe(filters, { onevent });
  return () => sub.close();
}

/** GET /api{path}; throws an Error with the node's own message, or with "the node does not answer". */
export async function api(path) {
  let res;
  try {
    res = await fetch('/api' + path, { headers: { Accept: 'application/json' } });
  } catch {
    offline(true);
    throw unreachable();
  }
  offline(false);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = new Error(body.error || `HTTP ${res.status}`);
    e.status = res.status;
    throw e;
  }
  return body;
}

/** The node's NIP-11 document (its name and the key its match notices come from). */
export async function nodeInfo() {
  try {
    const res = await fetch('/', { headers: { Accept: 'application/nostr+json' } });
    return await res.json();
  } catch {
    return {};
  }
}
