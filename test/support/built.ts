/** Paths of the built add-in; tests that read dist/ fail clearly when it is missing. */
import fs from "fs";
import path from "path";

export const DIST = path.resolve(__dirname, "../../dist");

export function builtFile(name: string): string {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: run "npm run build" first (npm test does it for you)`);
  return file;
}
