// Every user-visible string comes from here: en.ts is the source of keys, ja.ts must carry the same
// keys (the type checker enforces it). Language: the user's choice (localStorage, not a secret),
// else the browser's preferred languages, else English. Dates and numbers go through Intl.
import { en } from './en';
import { ja } from './ja';

export type Lang = 'en' | 'ja';
export type MessageKey = keyof typeof en;
export const LANGS: Lang[] = ['en', 'ja'];
const catalogs: Record<Lang, Record<MessageKey, string>> = { en, ja };
const STORAGE_KEY = 'sbomhub.lang';

export function detectLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'ja') return saved;
  } catch {
    /* storage disabled */
  }
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'ja' || base === 'en') return base;
  }
  return 'en';
}

let current: Lang = detectLang();
const listeners = new Set<() => void>();

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* storage disabled */
  }
  document.documentElement.lang = l;
  listeners.forEach((f) => f());
}

export function onLangChange(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** t('key', {name: 'x'}) → the message with `{name}` replaced (values are text, never markup). */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  let s = catalogs[current][key] ?? en[key] ?? key;
  if (params) {
    for (const [k, v] of Object.entries(params)) {
      s = s.split(`{${k}}`).join(typeof v === 'number' ? fmtNumber(v) : v);
    }
  }
  return s;
}

/** Plural-aware: uses `key_one`, `key_few`, … when the catalog has it for n's plural category. */
export function tn(key: MessageKey, n: number, params?: Record<string, string | number>): string {
  const cat = new Intl.PluralRules(current).select(n);
  const k = `${key}_${cat}`;
  return t((k in en ? k : key) as MessageKey, { n, ...params });
}

/** For keys built from API enums (states, severities): falls back to the raw value. */
export function tOr(key: string, fallback: string): string {
  return key in en ? t(key as MessageKey) : fallback;
}

const nfCache = new Map<string, Intl.NumberFormat>();
export function fmtNumber(n: number | null | undefined, opts?: Intl.NumberFormatOptions): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const k = `${current}|${JSON.stringify(opts ?? {})}`;
  let f = nfCache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(current, opts);
    nfCache.set(k, f);
  }
  return f.format(n);
}

export function fmtPercent(p: number | null | undefined, digits = 1): string {
  return fmtNumber(p, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function fmtDate(iso: string | undefined, withTime = true): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(current, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(d);
}

export function fmtBytes(n: number | undefined): string {
  if (n === undefined) return '–';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return fmtNumber(v, { style: 'unit', unit: units[i], maximumFractionDigits: 1, unitDisplay: 'short' });
}
