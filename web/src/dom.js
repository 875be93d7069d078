// A few helpers to build the page from plain DOM nodes, without a framework (docs/web.md says why).

/** An element: h('p', {class: 'x', onclick: f}, 'text', child, ...). Attributes that are false or null are left out. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v == null) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'html') el.innerHTML = v; // only for SVG made by the QR library
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A labelled form field with a place for its error message right below it. */
export function field(id, label, input, hint) {
  input.id = id;
  if (!input.name) input.name = id;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const err = h('p', { class: 'error', id: `${id}-error`, hidden: true });
  input.setAttribute('aria-describedby', [hintEl && hintEl.id, err.id].filter(Boolean).join(' '));
  return h('div', { class: 'field' }, h('label', { for: id }, label), hintEl, input, err);
}

/** Shows (or clears, with an empty message) the error of the field {@code id}, next to it. */
export function fieldError(id, message) {
  const err = document.getElementById(`${id}-error`);
  const input = document.getElementById(id);
  if (!err) return;
  err.textContent = message || '';
  err.hidden = !message;
  if (input) {
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

/** A message for the whole form (the node refused, the node is not reachable), read out at once. */
export function formMessage(form, message, kind = 'error') {
  let box = form.querySelector('.form-message');
  if (!box) {
    box = h('p', { class: 'form-message', role: 'alert' });
    form.prepend(box);
  }
  box.className = `form-message ${kind}`;
  box.textContent = message || '';
  box.hidden = !message;
}

/** Replaces the main content and moves focus to its heading, so screen readers hear the new page. */
export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children.flat().filter(Boolean));
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
  }
}

export function button(label, onclick, attrs = {}) {
  return h('button', { type: 'button', onclick, ...attrs }, label);
}
