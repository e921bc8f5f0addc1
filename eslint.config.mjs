// ESLint for `npm run lint` (office-addin-lint): the Office add-in rules plus TypeScript, applied
// to the pane's .tsx files too. TypeScript already checks undefined names (strict), so ESLint's
// no-undef would only misread the browser, Office and CustomFunctions globals.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

const typed = officeAddins.configs.recommended.find((config) => config.files);

export default [
  ...officeAddins.configs.recommended,
  {
    ...typed,
    files: ["**/*.tsx"],
    languageOptions: { ...typed.languageOptions, parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
    rules: { "no-undef": "off" },
  },
];
