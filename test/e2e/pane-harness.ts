/**
 * Shared by the pane's end-to-end tests (Playwright Test, through fixtures.ts and
 * playwright.config.ts) and its browser benchmark: a static server for dist/, Debian's Chromium
 * (never a downloaded browser) and its flags, and Office.js's CDN answered from the local copy in
 * dist/office-js (no network here, and none needed).
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "fs";
import { createServer, Server } from "http";
import { AddressInfo } from "net";
import { tmpdir } from "os";
import path from "path";
import { BrowserContext, chromium } from "playwright-core";

export const DIST = path.resolve(__dirname, "../../dist");
export const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
/** The same Chromium `npm test` installs when missing (scripts/system-deps.js; CHROMIUM_PATH overrides). */
export const CHROMIUM: string = require("../../scripts/system-deps").chromiumPath();
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".css": "text/css",
};

/** Serves a folder on 127.0.0.1 at a random port, plus any in-memory pages (path → text). */
export async function serveStatic(
  root: string,
  pages: Record<string, string> = {}
): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const page = pages[url.pathname];
    if (page !== undefined) {
      res.writeHead(200, {
        "Content-Type": MIME[path.extname(url.pathname)] ?? "text/plain",
        "Cache-Control": "no-store",
      });
      res.end(page);
      return;
    }
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": MIME[path.extname(file)] ?? "application/octet-stream",
      "Cache-Control": "no-store",
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Browser {
  context: BrowserContext;
  /** URLs the pages asked for that are neither the local server nor Office.js's CDN. */
  foreignRequests: string[];
  close: () => Promise<void>;
}

/** Launches Chromium with a fresh profile; Office.js requests are served from dist/office-js. */
export async function launchBrowser(
  origin: string,
  options: { locale?: string; colorScheme?: "light" | "dark"; width?: number } = {}
): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (the tests never download browsers)`
    );
  const profile = mkdtempSync(path.join(tmpdir(), "pane-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    locale: options.locale ?? "en-US",
    colorScheme: options.colorScheme ?? "light",
    viewport: { width: options.width ?? 400, height: 900 },
  });
  const foreignRequests = await routeOfficeJsLocally(context, origin);
  return {
    context,
    foreignRequests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Answers Office.js's CDN from dist/office-js, lets the local server (and data:, blob:,
 * about:) through, and aborts anything else. Returns the list of aborted URLs, which grows as
 * pages ask.
 */
export async function routeOfficeJsLocally(
  context: BrowserContext,
  origin: string
): Promise<string[]> {
  const foreignRequests: string[] = [];
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(OFFICE_CDN)) {
      const local = path.join(DIST, "office-js", url.slice(OFFICE_CDN.length).split("?")[0]);
      if (existsSync(local)) await route.fulfill({ path: local, contentType: "text/javascript" });
      else await route.fulfill({ status: 404, body: "" });
    } else if (
      url.startsWith(origin) ||
      url.startsWith("data:") ||
      url.startsWith("blob:") ||
      url === "about:blank" ||
      url.startsWith("about:srcdoc")
    ) {
      await route.continue();
    } else {
      foreignRequests.push(url);
      await route.abort();
    }
  });
  return foreignRequests;
}
