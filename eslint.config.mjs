// ESLint for `npm run lint` (office-addin-lint): the Office add-in rules plus TypeScript.
// TypeScript already checks undefined names (strict), so ESLint's no-undef would only misread
// the browser, Office and CustomFunctions globals.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
    rules: { "no-undef": "off" },
  },
];
