/**
 * The documentation holds together: every relative link in README.md and docs/*.md reaches an
 * existing file and, with an #anchor, an existing heading of it (GitHub's rule: the heading's
 * text in lower case, spaces to hyphens, other punctuation dropped, a repeat numbered -1, -2);
 * the README stays an index under 400 lines that links every function to its own heading in
 * docs/; and the definitions live in the repository, with every cited § defined.
 */
import fs from "fs";
import path from "path";
import { builtFile } from "../support/built";
import { ROOT } from "./doc-formulas";

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const PAGES = [
  "README.md",
  ...fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks and inline code, where links and headings live. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's anchor of a heading: the rendered text, lower-cased, punctuation dropped. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // a link shows its text
    .replace(/`/g, "");
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a page's headings make, repeats numbered as GitHub numbers them. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of markdown.replace(/^```[\s\S]*?^```/gm, "").split("\n")) {
    const m = /^#{1,6} (.+?)\s*#*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

/** The links of a page: [text](target) and ![alt](target), outside code. */
function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

describe("GitHub's anchors, as this test computes them", () => {
  test.each([
    ["### RETAIN.SBG_FIT", "retainsbg_fit"],
    ["## What `npm start` does", "what-npm-start-does"],
    [
      "## §7. Retention from a user's own data: periods",
      "7-retention-from-a-users-own-data-periods",
    ],
    [
      "### Worked example: orders → RFM summary → both fits",
      "worked-example-orders--rfm-summary--both-fits",
    ],
    ["## Saved scenarios (in the workbook)", "saved-scenarios-in-the-workbook"],
  ])("%s → #%s", (heading, anchor) => {
    expect(slug(heading.replace(/^#+ /, ""))).toBe(anchor);
  });

  test("a repeated heading gets -1", () => {
    expect([...anchors("## Errors\n\n### Errors\n")]).toEqual(["errors", "errors-1"]);
  });
});

describe.each(PAGES)("%s", (page) => {
  test("every relative link reaches a file and a heading", () => {
    const broken: string[] = [];
    for (const target of links(read(page))) {
      if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
      const [file, anchor] = target.split("#");
      const resolved = file === "" ? page : path.normalize(path.join(path.dirname(page), file));
      if (resolved.startsWith("..") || !fs.existsSync(path.join(ROOT, resolved))) {
        broken.push(`${target}: no file ${resolved}`);
        continue;
      }
      if (anchor !== undefined && !anchors(read(resolved)).has(anchor))
        broken.push(`${target}: no heading #${anchor} in ${resolved}`);
    }
    expect(broken).toEqual([]);
  });

  test("names the source articles by title, never by a file of another folder", () => {
    const text = read(page);
    expect(text).not.toMatch(/\bseeds?\b/i);
    expect(text).not.toContain("../shared");
  });
});

describe("the README is an index", () => {
  const readme = read("README.md");
  const ids = (
    JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
      functions: Array<{ id: string }>;
    }
  ).functions.map((f) => f.id);

  test("under 400 lines", () => {
    expect(readme.split("\n").length).toBeLessThan(400);
  });

  test("in this order: what Retain does, getting it into Excel, a tour, every function", () => {
    const order = [
      "# Retain",
      "## Get it into Excel",
      "### Sideload into Excel",
      "### For developers: npm ci and npm test",
      "## A one-screen tour",
      "## Every function",
    ].map((h) => readme.indexOf(`\n${h}`) + (readme.startsWith(h) ? 1 : 0));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test("keeps the commands CI runs", () => {
    expect(readme).toMatch(/^npm ci && npm start /m);
    expect(readme).toMatch(/^npm test /m);
    expect(fs.readFileSync(path.join(ROOT, ".ci/run"), "utf8")).toMatch(/^npm ci .*\nnpm test$/m);
  });

  test("every function of the metadata has one index line linking to its own heading in docs/", () => {
    // Every @customfunction tag in the sources reached the metadata (read here from the sources,
    // apart from the build): a function the metadata plugin skipped would have no index line to miss.
    const dir = path.join(ROOT, "src/functions");
    const tagged = fs
      .readdirSync(dir)
      .filter((f) => /functions\.ts$/.test(f))
      .flatMap((f) =>
        [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/@customfunction\s+([A-Z0-9_]+)/g)].map(
          (m) => m[1]
        )
      );
    expect([...ids].sort()).toEqual(tagged.sort());
    const docs = PAGES.filter((p) => p.startsWith("docs/"));
    const problems: string[] = [];
    for (const id of ids) {
      const lines = readme.split("\n").filter((l) => l.includes(`[\`${id}\`](`));
      if (lines.length !== 1) {
        problems.push(`${id}: ${lines.length} index lines`);
        continue;
      }
      const target = /\[`[A-Z_]+`\]\((docs\/[^)#]+)#([^)]+)\)/.exec(lines[0]);
      if (!target || target[2] !== slug(`RETAIN.${id}`))
        problems.push(`${id}: links to ${target ? target[0] : "no heading"}`);
      const headings = docs.filter((d) => read(d).split("\n").includes(`### RETAIN.${id}`));
      if (headings.length !== 1) problems.push(`${id}: a heading in ${headings.length} pages`);
      else if (target && headings[0] !== target[1])
        problems.push(`${id}: heading in ${headings[0]}, link to ${target[1]}`);
    }
    expect(problems).toEqual([]);
  });

  test("each function's heading gives its arguments, errors and an example", () => {
    const problems: string[] = [];
    for (const page of PAGES.filter((p) => /^docs\/functions-/.test(p))) {
      const text = read(page);
      for (const m of text.matchAll(
        /^### RETAIN\.([A-Z_]+)\n([\s\S]*?)(?=^#{1,3} |(?![\s\S]))/gm
      )) {
        const [, id, body] = m;
        if (!body.includes(`\`=RETAIN.${id}(`)) problems.push(`${id}: no signature`);
        if (!/^\| argument \|/m.test(body)) problems.push(`${id}: no argument table`);
        if (!/error/i.test(body)) problems.push(`${id}: no errors`);
        if (!/example/i.test(body)) problems.push(`${id}: no example`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the definitions live in the repository", () => {
  const definitions = read("docs/definitions.md");
  const sections = [...definitions.matchAll(/^## §(\d+)\. /gm)].map((m) => Number(m[1]));

  test("§1 to §14, in order, and the sources by title", () => {
    expect(sections).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(definitions).toMatch(/^## Sources$/m);
    for (const title of [
      "Customer Retention: The Best and Unique Strategies to Increase Profits",
      "15 Customer Retention Strategies",
      "How a Business Keeps Its Customers: 16 Ways",
      "How to Keep Existing Customers",
      "Customer Retention Rate",
    ])
      expect(definitions).toContain(`“${title}”`);
  });

  // The files a person can read: not installed packages, builds, git's store or test output.
  const SKIP = new Set(["node_modules", "dist", ".git", "test-results", "playwright-report"]);
  function* files(dir: string): Generator<string> {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) yield* files(rel);
      } else if (/\.(ts|tsx|js|mjs|json|md|sql|html|css|xml|yml|yaml|txt)$|^run$/.test(entry.name))
        yield rel;
    }
  }
  const all = [...files(".")];

  test("no file cites the old reference outside the repository", () => {
    // Spelled in parts so that this file does not match itself.
    const outside = ["domain", "md"].join(".");
    const articles = ["shared", "seeds"].join("/");
    const citing = all.filter((f) => {
      const text = fs.readFileSync(path.join(ROOT, f), "utf8");
      return text.includes(outside) || text.includes(articles);
    });
    expect(citing).toEqual([]);
  });

  test("every § a file cites is defined", () => {
    const undefinedCitations: string[] = [];
    for (const f of all) {
      const text = fs.readFileSync(path.join(ROOT, f), "utf8");
      for (const m of text.matchAll(/docs\/definitions\.md §(\d+)(?:[–-]§?(\d+))?/g))
        for (const n of [m[1], m[2]].filter(Boolean).map(Number))
          if (!sections.includes(n)) undefinedCitations.push(`${f}: §${n}`);
    }
    expect(undefinedCitations).toEqual([]);
  });
});
