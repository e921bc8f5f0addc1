/** Unit, property and component tests. Browser (Playwright) and LibreOffice tests run from scripts/test.js. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  // Component, LibreOffice and SQL-engine tests share 2 cores: 5 s is too little when loaded.
  testTimeout: 60_000,
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }],
  },
  moduleNameMapper: {
    // office-addin-mock pulls office-addin-manifest, an ESM-only chain Jest cannot load; the mock never uses it.
    "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js",
    "\\.(css)$": "<rootDir>/test/support/style-stub.js",
  },
  setupFiles: [
    "<rootDir>/test/support/custom-functions-global.ts",
    "<rootDir>/test/support/text-decoding-global.ts",
  ],
};
