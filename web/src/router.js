// Pages are chosen by the part of the address after '#' (one index.html; every link can be shared
// or printed). Showing a page is changing that part; main.js listens and renders.

/** Shows the page at {@code path} ('/mine'), again if it is the one shown. */
export function go(path) {
  if (location.hash === `#${path}`) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = path;
}
