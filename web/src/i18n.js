// Strings come from the message files in i18n/ (one per language, same keys); dates, numbers and
// distances are formatted for the language with the browser's Intl.
import all from 'virtual:messages';

const KEY = 'mutual.lang';
let lang = pick();

function pick() {
  const saved = localStorage.getItem(KEY);
  if (saved && all[saved]) return saved;
  for (const l of navigator.languages || [navigator.language || 'en']) {
    const base = String(l).toLowerCase().split('-')[0];
    if (all[base]) return base;
  }
  return 'en';
}

export function currentLang() {
  return lang;
}

/** The languages there are files for, each with its own name for itself. */
export function languages() {
  return Object.keys(all).map((code) => ({ code, name: all[code]['language.name'] || code }));
}

export function setLang(code) {
  if (!all[code]) return;
  lang = code;
  localStorage.setItem(KEY, code);
  document.documentElement.lang = code;
}

/** The message {@code key} with {name} placeholders filled; English when a file lacks it. */
export function t(key, vars = {}) {
  const s = all[lang][key] ?? all.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

export function fmtDate(unix) {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(unix * 1000));
}

export function fmtDateTime(unix) {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(unix * 1000));
}

export function fmtKm(km) {
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilometer', maximumFractionDigits: km < 10 ? 1 : 0 }).format(km);
}

export function fmtNumber(n) {
  return new Intl.NumberFormat(lang).format(n);
}

/** "3 days ago", "hace 3 días". */
export function fmtAgo(unix) {
  const s = Math.round(unix - Date.now() / 1000);
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const a = Math.abs(s);
  if (a < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (a < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86400), 'day');
}

document.documentElement.lang = lang;
