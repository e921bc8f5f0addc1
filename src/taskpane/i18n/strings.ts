import en from "./en.json";
import type dataEn from "./data.en.json";
import type detailsEn from "./details.en.json";

/**
 * Every string the pane shows has a key in en.json (the first screen: inputs and results), in
 * details.en.json for the what-if tools below the results, or in data.en.json for the "Your
 * data" view. The last two load with their views, so the first download does not carry them;
 * the zh-CN files must have the same keys.
 */
export type MessageKey = keyof typeof en | keyof typeof detailsEn | keyof typeof dataEn;
export type Language = "en" | "zh-CN";
export type Strings = Record<MessageKey, string>;

// Compile-time guard: the build fails when a Chinese file lacks a key of its English one.
type MissingInChinese =
  | Exclude<keyof typeof en, keyof typeof import("./zh-CN.json")>
  | Exclude<keyof typeof detailsEn, keyof typeof import("./details.zh-CN.json")>
  | Exclude<keyof typeof dataEn, keyof typeof import("./data.zh-CN.json")>;
export const CHINESE_HAS_EVERY_KEY: [MissingInChinese] extends [never] ? true : false = true;

const loaded: Partial<Record<Language, Partial<Strings>>> = { en };

/** Adds the strings of a view loaded on demand (see loadDataStrings). */
export function addStrings(language: Language, strings: Partial<Strings>): void {
  loaded[language] = { ...loaded[language], ...strings };
}

let chineseLoaded = false;

/**
 * Loads a language's strings. Chinese is a separate chunk, so English-speaking users do not
 * download it; both are fetched from the pane's own origin.
 */
export async function loadLanguage(language: Language): Promise<void> {
  if (language === "en" || chineseLoaded) return;
  addStrings(language, (await import(/* webpackChunkName: "i18n-zh-CN" */ "./zh-CN.json")).default);
  chineseLoaded = true;
}

/** Chinese for any zh-* display language (Simplified is the only Chinese we ship), English otherwise. */
export function resolveLanguage(bcp47: string | undefined | null): Language {
  return bcp47 && /^zh\b/i.test(bcp47) ? "zh-CN" : "en";
}

export type Params = Record<string, string | number>;

const pluralRules = new Map<Language, Intl.PluralRules>();

/** The CLDR plural category of a count in a language ("one", "other", …; Chinese has only "other"). */
export function pluralCategory(language: Language, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

function lookup(language: Language, key: string): string | undefined {
  const k = key as MessageKey;
  return loaded[language]?.[k] ?? loaded.en?.[k];
}

/**
 * The string for a key with {placeholders} filled in; English until a language has loaded.
 * When params.count is a number, the key's plural variant for it is used if one exists
 * (`key_one`, `key_few`, …; the bare key is the "other" form), so no sentence is built by
 * concatenating a number and a noun.
 */
export function translate(language: Language, key: MessageKey, params?: Params): string {
  const count = params?.count;
  const variant =
    typeof count === "number" && Number.isFinite(count)
      ? lookup(language, `${key}_${pluralCategory(language, count)}`)
      : undefined;
  const template = variant ?? lookup(language, key) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole
  );
}

type StringsModule = Promise<{ default: Partial<Strings> }>;

/** A view's strings: English, and Chinese when the pane speaks it, each fetched as its own import. */
async function loadViewStrings(
  language: Language,
  englishFile: () => StringsModule,
  chineseFile: () => StringsModule
): Promise<void> {
  const [english, chinese] = await Promise.all([
    englishFile(),
    language === "zh-CN" ? chineseFile() : null,
  ]);
  addStrings("en", english.default);
  if (chinese) addStrings("zh-CN", chinese.default);
}

/** The "Your data" view's strings: English with its chunk, Chinese as a chunk of its own. */
export function loadDataStrings(language: Language): Promise<void> {
  return loadViewStrings(
    language,
    () => import(/* webpackChunkName: "data-view" */ "./data.en.json"),
    () => import(/* webpackChunkName: "i18n-data-zh-CN" */ "./data.zh-CN.json")
  );
}

/**
 * The what-if tools' strings (below the results; the workbook's, which "Your data" writes with
 * too): English with the tools' chunk, Chinese as a chunk of its own.
 */
export function loadDetailStrings(language: Language): Promise<void> {
  return loadViewStrings(
    language,
    () => import(/* webpackChunkName: "pane-details" */ "./details.en.json"),
    () => import(/* webpackChunkName: "i18n-details-zh-CN" */ "./details.zh-CN.json")
  );
}
