// The first visit: make a key here, or use one the person already has (extension, remote
// signer, pasted nsec/ncryptsec); and, on later visits, the passphrase that opens the stored key.
import { h, field, fieldError, formMessage, show, button } from '../dom.js';
import { t } from '../i18n.js';
import { createKey, importKey, unlock, useExtension, useBunker, hasExtension, forget } from '../identity.js';
import { go } from '../router.js';

const MIN_PASSPHRASE = 8;

function passphraseFields(prefix, confirm) {
  return [
    field(`${prefix}-pass`, t('start.passphrase'), h('input', { type: 'password', autocomplete: 'new-password' }), t('start.passphraseHint')),
    confirm ? field(`${prefix}-pass2`, t('start.passphraseAgain'), h('input', { type: 'password', autocomplete: 'new-password' })) : null,
  ];
}

function checkPassphrase(prefix, confirm) {
  const p = document.getElementById(`${prefix}-pass`).value;
  fieldError(`${prefix}-pass`, p.length < MIN_PASSPHRASE ? t('start.passphraseShort', { n: MIN_PASSPHRASE }) : '');
  if (confirm) fieldError(`${prefix}-pass2`, p !== document.getElementById(`${prefix}-pass2`).value ? t('start.passphraseDiffer') : '');
  return p.length >= MIN_PASSPHRASE && (!confirm || p === document.getElementById(`${prefix}-pass2`).value) ? p : null;
}

async function busy(form, work) {
  const b = form.querySelector('button[type=submit]');
  b.disabled = true;
  formMessage(form, t('start.working'), 'info');
  await new Promise((r) => setTimeout(r, 30)); // let the message show before the key derivation
  try {
    await work();
    formMessage(form, '');
  } catch (e) {
    formMessage(form, t(e.message) === e.message ? e.message : t(e.message));
  } finally {
    b.disabled = false;
  }
}

export function startPage() {
  const create = h('form', { id: 'create', onsubmit: (e) => {
    e.preventDefault();
    const p = checkPassphrase('new', true);
    if (p) busy(create, async () => { createKey(p); go('/key/new'); });
  } }, h('h2', {}, t('start.createTitle')), h('p', {}, t('start.createText')), passphraseFields('new', true),
  h('button', { type: 'submit' }, t('start.create')));

  const paste = h('form', { id: 'import', onsubmit: (e) => {
    e.preventDefault();
    const text = document.getElementById('secret').value;
    fieldError('secret', text.trim() ? '' : t('start.secretMissing'));
    const p = checkPassphrase('imp', false);
    if (text.trim() && p) busy(paste, async () => {
      try {
        importKey(text, p);
      } catch (err) {
        if (err.message === 'key.bad') return fieldError('secret', t('key.bad'));
        if (err.message === 'key.wrongPassphrase') return fieldError('imp-pass', t('key.wrongPassphrase'));
        throw err;
      }
      go('/mine');
    });
  } }, h('h3', {}, t('start.pasteTitle')),
  field('secret', t('start.secret'), h('textarea', { rows: 2, autocomplete: 'off', spellcheck: 'false' }), t('start.secretHint')),
  passphraseFields('imp', false), h('button', { type: 'submit' }, t('start.import')));

  const bunker = h('form', { id: 'bunker', onsubmit: (e) => {
    e.preventDefault();
    const url = document.getElementById('bunker-url').value;
    fieldError('bunker-url', url.trim().startsWith('bunker://') ? '' : t('key.badBunker'));
    if (url.trim().startsWith('bunker://')) busy(bunker, async () => { await useBunker(url); go('/mine'); });
  } }, h('h3', {}, t('start.bunkerTitle')),
  field('bunker-url', t('start.bunker'), h('input', { type: 'url', autocomplete: 'off', placeholder: 'bunker://…' })),
  h('button', { type: 'submit' }, t('start.connect')));

  const ext = hasExtension()
    ? h('div', {}, h('h3', {}, t('start.extensionTitle')), h('p', {}, t('start.extensionText')),
      button(t('start.useExtension'), async () => { await useExtension(); go('/mine'); }, { id: 'use-extension' }))
    : null;

  show(h('h1', {}, t('start.title')), h('p', { class: 'lead' }, t('start.intro')),
    h('section', { class: 'card' }, create),
    h('section', { class: 'card' }, h('h2', {}, t('start.existingTitle')), ext, paste, bunker));
}

export function unlockPage() {
  const form = h('form', { id: 'unlock', onsubmit: (e) => {
    e.preventDefault();
    const p = document.getElementById('unlock-pass').value;
    busy(form, async () => {
      try {
        unlock(p);
      } catch {
        return fieldError('unlock-pass', t('key.wrongPassphrase'));
      }
      go(location.hash.replace(/^#/, '') || '/mine');
    });
  } }, field('unlock-pass', t('start.passphrase'), h('input', { type: 'password', autocomplete: 'current-password' })),
  h('button', { type: 'submit' }, t('start.unlock')));
  show(h('h1', {}, t('start.unlockTitle')), h('p', {}, t('start.unlockText')), form,
    h('p', {}, button(t('start.otherKey'), () => { if (confirm(t('key.forgetConfirm'))) { forget(); go('/'); } }, { class: 'link' })));
}
