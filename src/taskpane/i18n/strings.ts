import en from "./en.json";

/** Every string the pane shows has a key in en.json; zh-CN.json must have the same keys. */
export type MessageKey = keyof typeof en;
export type Language = "en" | "zh-CN";
export type Strings = Record<MessageKey, string>;

// Compile-time guard: the build fails when zh-CN.json lacks a key of en.json.
type MissingInChinese = Exclude<MessageKey, keyof typeof import("./zh-CN.json")>;
export const CHINESE_HAS_EVERY_KEY: [MissingInChinese] extends [never] ? true : false = true;

const loaded: Partial<Record<Language, Strings>> = { en };

/**
 * Loads a language's strings. Chinese is a separate chunk, so English-speaking users do not
 * download it; both are fetched from the pane's own origin.
 */
export async function loadLanguage(language: Language): Promise<void> {
  if (!loaded[language])
    loaded[language] = (await import(/* webpackChunkName: "i18n-zh-CN" */ "./zh-CN.json")).default;
}

/** Chinese for any zh-* display language (Simplified is the only Chinese we ship), English otherwise. */
export function resolveLanguage(bcp47: string | undefined | null): Language {
  return bcp47 && /^zh\b/i.test(bcp47) ? "zh-CN" : "en";
}

export type Params = Record<string, string | number>;

/** The string for a key with {placeholders} filled in; English until a language has loaded. */
export function translate(language: Language, key: MessageKey, params?: Params): string {
  const template = loaded[language]?.[key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole
  );
}
