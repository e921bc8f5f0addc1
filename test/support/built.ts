/** Paths of the built add-in; tests that read dist/ fail clearly when it is missing. */
import fs from "fs";
import path from "path";

/** dist/, or TEST_DIST: a build of one's own (ADDIN_OUTPUT_DIR) while dist/ is being rebuilt. */
export const DIST = process.env.TEST_DIST
  ? path.resolve(process.env.TEST_DIST)
  : path.resolve(__dirname, "../../dist");

export function builtFile(name: string): string {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: run "npm run build" first (npm test does it for you)`);
  return file;
}
