/**
 * What every Jest file that recalculates with LibreOffice starts with: minutes per test (soffice
 * starts for each conversion, on two shared cores), and a failure, never a skip, when soffice is
 * missing (npm test installs it: scripts/system-deps.js).
 */
import { findSoffice } from "./libreoffice";

/** Call at the top of a test file; returns the soffice it will use. */
export function usingLibreOffice(): string | undefined {
  jest.setTimeout(240_000);
  const soffice = findSoffice();
  beforeAll(() => {
    if (!soffice)
      throw new Error(
        "LibreOffice (soffice) not found: run npm test, which installs it, or set SOFFICE_PATH"
      );
  });
  return soffice;
}
