// The desk's languages: Dutch first, French and English to choose in the desk header. Each page
// module registers its own texts with addTexts({ key: { nl, fr, en } }) and reads them with
// t(key, { name: value }) ("{name}" in a text is replaced). A missing French or English text falls
// back to Dutch, a missing key shows the key (a test finds it). The choice is kept per browser
// (localStorage) and announced with the 'desk-language' event, on which pages render again.
// Static texts in the HTML carry data-t="key" (text) or data-t-attr="attr:key;attr:key".

export const LANGUAGES = [['nl', 'Nederlands'], ['fr', 'Français'], ['en', 'English']];
const LOCALES = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };
const STORAGE_KEY = 'onthaal.desk.language';
const texts = {};

function stored() {
  try { return localStorage.getItem(STORAGE_KEY); } catch { return null; }
}
let current = LOCALES[stored()] ? stored() : 'nl';

export function addTexts(more) { Object.assign(texts, more); }

export function lang() { return current; }
// The BCP 47 locale of the chosen language, for Intl (always with timeZone Europe/Brussels).
export function locale() { return LOCALES[current]; }

export function t(key, vars = {}) {
  const entry = texts[key];
  const text = entry ? (entry[current] ?? entry.nl) : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

// Sets the texts of every element under `root` marked with data-t or data-t-attr.
export function translateStatic(root = document) {
  for (const node of root.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  for (const node of root.querySelectorAll('[data-t-attr]')) {
    for (const pair of node.dataset.tAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) node.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}

export function setLang(code) {
  if (!LOCALES[code]) return;
  current = code;
  try { localStorage.setItem(STORAGE_KEY, code); } catch { /* private mode: this page only */ }
  document.documentElement.lang = code;
  translateStatic();
  document.dispatchEvent(new CustomEvent('desk-language', { detail: code }));
}

export function onLanguage(render) { document.addEventListener('desk-language', () => render(current)); }

// At load: the page's lang attribute and static texts in the kept language.
export function startLanguage() {
  document.documentElement.lang = current;
  translateStatic();
}
