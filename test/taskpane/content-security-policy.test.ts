import { readFileSync } from "fs";
import { join } from "path";

/** The pane's Content Security Policy, read from the page as served. */
function policy(): Map<string, string[]> {
  const html = readFileSync(join(__dirname, "../../src/taskpane/taskpane.html"), "utf8");
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
  if (!match) throw new Error("taskpane.html has no Content-Security-Policy");
  const directives = new Map<string, string[]>();
  for (const part of match[1].split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe("taskpane.html's Content Security Policy", () => {
  it("allows scripts only from the page's own host, Office.js's CDN and the MicrosoftAjax.js it loads", () => {
    // Office.js's loader asks ajax.aspnetcdn.com for MicrosoftAjax.js when it is not loaded yet.
    expect(policy().get("script-src")).toEqual([
      "'self'",
      "https://appsforoffice.microsoft.com",
      "https://ajax.aspnetcdn.com",
    ]);
  });

  it("allows no inline script, and inline styles only", () => {
    const directives = policy();
    expect(directives.get("script-src")).not.toContain("'unsafe-inline'");
    expect(directives.get("script-src")).not.toContain("'unsafe-eval'");
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
  });
});
