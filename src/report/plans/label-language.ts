/**
 * Which language a sheet's labels are in, for a BCP-47 tag (Office's display language, the
 * pane's, or the command line's --lang): Chinese for zh and zh-*, English for anything else.
 * One rule for every label set's picker (reportLabelsFor, analysisLabelsFor, …).
 */
export function labelsInChinese(language: string): boolean {
  return /^zh\b/i.test(language);
}
