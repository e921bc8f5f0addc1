/**
 * Recalculates a workbook with a real spreadsheet engine: LibreOffice headless, with a private
 * profile that forces recalculation on load (so a stale cached result cannot pass), then
 * converts back to .xlsx so the recalculated values can be read (or to .ods, .pdf, …).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const SOFFICE_CANDIDATES = [
  "/usr/bin/soffice",
  "/usr/bin/libreoffice",
  "/usr/lib/libreoffice/program/soffice",
  "/opt/libreoffice/program/soffice",
];

export function findSoffice(): string | undefined {
  const candidates = process.env.SOFFICE_PATH
    ? [process.env.SOFFICE_PATH, ...SOFFICE_CANDIDATES]
    : SOFFICE_CANDIDATES;
  return candidates.find((path) => existsSync(path));
}

/** Recalc mode 0 = always recalculate on load (1 = never, 2 = ask), for OOXML and ODF files. */
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A throw-away LibreOffice profile that always recalculates. */
export function createRecalcProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), "lo-profile-"));
  mkdirSync(join(dir, "user"), { recursive: true });
  writeFileSync(join(dir, "user", "registrymodifications.xcu"), REGISTRY);
  return dir;
}

/** Opens `xlsx` in LibreOffice (recalculating everything) and returns the .xlsx it saves. */
export function recalculateWithLibreOffice(
  xlsx: Uint8Array,
  soffice = findSoffice()
): Promise<Uint8Array> {
  return convertWithLibreOffice(xlsx, "xlsx:Calc MS Excel 2007 XML", soffice);
}

/**
 * Opens `xlsx` in LibreOffice (recalculating everything) and returns what it converts it to:
 * `target` is soffice's --convert-to argument, e.g. "ods", "pdf" or "xlsx:Calc MS Excel 2007 XML".
 */
export async function convertWithLibreOffice(
  xlsx: Uint8Array,
  target: string,
  soffice = findSoffice()
): Promise<Uint8Array> {
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const profile = createRecalcProfile();
  const work = mkdtempSync(join(tmpdir(), "lo-work-"));
  try {
    const input = join(work, "input.xlsx");
    const outDir = join(work, "out");
    mkdirSync(outDir);
    writeFileSync(input, xlsx);
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          "--headless",
          "--norestore",
          "--nologo",
          "--convert-to",
          target,
          "--outdir",
          outDir,
          input,
        ],
        { timeout: 120_000 },
        (error, _stdout, stderr) =>
          error ? reject(new Error(`soffice failed: ${error.message} ${stderr}`)) : resolve()
      );
    });
    const output = join(outDir, `input.${target.split(":")[0]}`);
    if (!existsSync(output)) throw new Error("soffice wrote no output");
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}
