/** Locales: BCP 47 tags whose language ICU knows, kept in canonical form (pt-br → pt-BR). */

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The canonical form of a tag, or undefined when it is not well-formed. */
export function canonicalLocale(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}

/** True for a well-formed tag naming a language ICU knows (en, fr-CA, zh-Hant); false for `xx` or `klingon`. */
export function isKnownLocale(tag: string): boolean {
  const canonical = canonicalLocale(tag);
  if (!canonical) return false;
  return languageNames.of(new Intl.Locale(canonical).language) !== undefined;
}

/** True when text in this locale is English, which the search stems. */
export const isEnglish = (locale: string): boolean => locale === 'en' || locale.startsWith('en-');
