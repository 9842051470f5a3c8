import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTL_LOCALES, LANGUAGES, Language } from './languages';

/**
 * A message: text with `{placeholder}`s, or, for a message that depends on a number, one text per plural
 * category of the language (Intl.PluralRules: `zero`, `one`, `two`, `few`, `many`, `other`; `other` is
 * required) chosen by the `count` parameter.
 */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralMessage;
/** A catalogue: nested sections of messages (`card.operations`, `chart.axis.year`). */
export interface Catalogue {
  [key: string]: Message | Catalogue;
}

export type MessageParams = Record<string, string | number>;

/** Folder of the catalogues: next to this file in src/ (Jest, ts-node) and in dist/ (copied as assets, nest-cli.json). */
export const MESSAGES_DIR = join(__dirname, 'messages');

const catalogues = new Map<Language, Catalogue>();

/** The catalogue of a language, read once from `messages/<language>.json`. */
export function catalogue(language: Language): Catalogue {
  let found = catalogues.get(language);
  if (!found) {
    found = JSON.parse(readFileSync(join(MESSAGES_DIR, `${language}.json`), 'utf8')) as Catalogue;
    catalogues.set(language, found);
  }
  return found;
}

export function isPluralMessage(value: unknown): value is PluralMessage {
  return typeof value === 'object' && value !== null && typeof (value as { other?: unknown }).other === 'string';
}

/**
 * The message at a dotted key, or undefined. A section may also hold flat dotted keys (the explorer's
 * `explore.form.kind`): at each level the rest of the key is tried whole before descending.
 */
export function lookup(language: Language, key: string): Message | undefined {
  return lookupIn(catalogue(language), key.split('.'));
}

function lookupIn(node: Catalogue, parts: string[]): Message | undefined {
  const whole = node[parts.join('.')];
  if (typeof whole === 'string' || isPluralMessage(whole)) return whole;
  if (parts.length < 2) return undefined;
  for (let i = 1; i < parts.length; i++) {
    const child = node[parts.slice(0, i).join('.')];
    if (child === undefined || typeof child === 'string' || isPluralMessage(child)) continue;
    const found = lookupIn(child, parts.slice(i));
    if (found !== undefined) return found;
  }
  return undefined;
}

const pluralRules = new Map<Language, Intl.PluralRules>();

function pluralCategory(language: Language, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(INTL_LOCALES[language]);
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

/** `{name}` placeholders of a text, in order. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]);
}

/**
 * The text of `key` in `language` with its placeholders filled in; English when the language lacks the key (a
 * test keeps every catalogue complete), and the key itself when English lacks it too. A plural message picks its
 * form by `params.count`.
 */
export function t(language: Language, key: string, params: MessageParams = {}): string {
  const message = lookup(language, key) ?? lookup('en', key);
  if (message === undefined) return key;
  const text =
    typeof message === 'string'
      ? message
      : (message[pluralCategory(language, Number(params.count ?? 0))] ?? message.other);
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Every language's catalogue, for the completeness test. */
export function allCatalogues(): Record<Language, Catalogue> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, catalogue(l)])) as Record<Language, Catalogue>;
}

/** Escapes text content of HTML or XML (`&`, `<`, `>`; quotes are safe outside attributes). */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/**
 * A message as HTML: its own text escaped, its parameters inserted as they are, for markup (links, `<code>`)
 * that the caller has built and escaped. Numbers are written as they are; for plain text use `t`.
 */
export function tHtml(language: Language, key: string, html: MessageParams = {}): string {
  const message = lookup(language, key) ?? lookup('en', key);
  if (message === undefined) return escapeText(key);
  const text =
    typeof message === 'string'
      ? message
      : (message[pluralCategory(language, Number(html.count ?? 0))] ?? message.other);
  return text
    .split(/(\{[A-Za-z][A-Za-z0-9]*\})/)
    .map((part) => {
      const name = /^\{([A-Za-z][A-Za-z0-9]*)\}$/.exec(part)?.[1];
      return name !== undefined && name in html ? String(html[name]) : escapeText(part);
    })
    .join('');
}
