import { createContext, ReactNode, useContext, useMemo } from "react";
import { Language, MessageKey, Params, resolveLanguage, translate } from "./strings";

export interface LocaleInfo {
  /** The resource language strings come from. */
  language: Language;
  /** The full display locale numbers are read and written in (e.g. "ru-RU" shows English text but Russian numbers). */
  locale: string;
  t: (key: MessageKey, params?: Params) => string;
}

const LocaleContext = createContext<LocaleInfo>({
  language: "en",
  locale: "en-US",
  t: (key, params) => translate("en", key, params),
});

/** renew: a change gives the context a new value, so that everything formatted renders again. */
export function LocaleProvider({
  locale,
  renew = false,
  children,
}: {
  locale: string;
  renew?: boolean;
  children: ReactNode;
}) {
  const value = useMemo<LocaleInfo>(() => {
    const language = resolveLanguage(locale);
    return { language, locale, t: (key, params) => translate(language, key, params) };
  }, [locale, renew]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleInfo {
  return useContext(LocaleContext);
}
