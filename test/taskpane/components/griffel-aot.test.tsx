/** @jest-environment jsdom */
/**
 * scripts/griffel-aot-loader.js compiles the pane's makeStyles calls at build time into Fluent's
 * __styles(classes, cssRules). Checked here: the compiled hooks give the same class names and
 * insert the same CSS as makeStyles does in the browser (left-to-right and right-to-left), and
 * every pane module with makeStyles compiles (a module that does not would silently fall back to
 * the runtime compiler, which the bench would only see as a bigger first download).
 */
import { execFileSync } from "child_process";
import { readdirSync, readFileSync, statSync } from "fs";
import path from "path";
import {
  __styles,
  createDOMRenderer,
  FluentProvider,
  GriffelRenderer,
  makeStyles,
  RendererProvider,
  webLightTheme,
} from "@fluentui/react-components";
import { render } from "@testing-library/react";
import { badgeStyles, cardStyles } from "../../support/griffel-aot-fixture";

const ROOT = path.resolve(__dirname, "../../..");

/** The loader's output and warnings for each file (test/support/run-griffel-aot.js). */
function runLoader(files: string[]): Record<string, { code: string; warnings: string[] }> {
  const out = execFileSync(
    process.execPath,
    [path.join(ROOT, "test/support/run-griffel-aot.js"), ...files],
    {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    }
  );
  return JSON.parse(out);
}

/** The arguments of each __griffelStyles(classes, cssRules) call in the loader's output, in order. */
function compiledCalls(code: string): [Record<string, never>, Record<string, never>][] {
  const calls = [];
  const marker = "__griffelStyles(";
  for (let at = code.indexOf(marker); at >= 0; at = code.indexOf(marker, at + 1)) {
    // The two arguments are JSON: parse the longest prefix that is a valid JSON array.
    const rest = code.slice(at + marker.length);
    for (let end = rest.indexOf(")"); end >= 0; end = rest.indexOf(")", end + 1)) {
      try {
        calls.push(JSON.parse(`[${rest.slice(0, end)}]`));
        break;
      } catch {
        // not the closing parenthesis yet
      }
    }
  }
  return calls;
}

/** Class names per slot and the CSS rules a styles hook inserts, rendered with a renderer of its own. */
function renderHook(useClasses: () => Record<string, string>, dir: "ltr" | "rtl") {
  const renderer: GriffelRenderer = createDOMRenderer(document);
  let classes: Record<string, string> = {};
  const Probe = () => {
    classes = useClasses();
    return null;
  };
  const { unmount } = render(
    <RendererProvider renderer={renderer}>
      <FluentProvider theme={webLightTheme} dir={dir}>
        <Probe />
      </FluentProvider>
    </RendererProvider>
  );
  const buckets = [...document.querySelectorAll("style[data-make-styles-bucket]")];
  const css = buckets
    .flatMap((style) => [...((style as HTMLStyleElement).sheet?.cssRules ?? [])])
    .map((rule) => rule.cssText)
    .sort();
  unmount();
  buckets.forEach((style) => style.remove()); // the next render starts from an empty document
  return { classes, css };
}

describe("Griffel's ahead-of-time compilation of the pane's styles", () => {
  test("compiled styles give the same class names and CSS as makeStyles at run time", () => {
    const fixture = path.join(ROOT, "test/support/griffel-aot-fixture.ts");
    const { code, warnings } = runLoader([fixture])[fixture];
    expect(warnings).toEqual([]);
    expect(code).not.toMatch(/\bmakeStyles\(/);
    // The code around the calls is left as it was.
    expect(code).toContain('const NARROW = "@media (max-width: 360px)";');
    expect(code).toContain("export const hooks = { useBadge: __griffelStyles(");
    const calls = compiledCalls(code);
    expect(calls).toHaveLength(2);
    const pairs = [
      { runtime: makeStyles(cardStyles), compiled: __styles(...calls[0]) },
      { runtime: makeStyles(badgeStyles), compiled: __styles(...calls[1]) },
    ];
    for (const dir of ["ltr", "rtl"] as const)
      for (const { runtime, compiled } of pairs) {
        const atRunTime = renderHook(runtime, dir);
        const compiledAhead = renderHook(compiled, dir);
        expect(Object.keys(atRunTime.classes).length).toBeGreaterThan(0);
        expect(atRunTime.css.length).toBeGreaterThan(0);
        expect(compiledAhead).toEqual(atRunTime);
      }
  });

  test("every pane module with makeStyles compiles", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.tsx?$/.test(name) && /\bmakeStyles\(/.test(readFileSync(full, "utf8")))
          files.push(full);
      }
    };
    walk(path.join(ROOT, "src"));
    expect(files.length).toBeGreaterThan(10);
    const results = runLoader(files);
    for (const file of files) {
      const { code, warnings } = results[file];
      expect({ file, warnings }).toEqual({ file, warnings: [] });
      expect(code).not.toMatch(/\bmakeStyles\(/);
      expect(code).toContain("__griffelStyles(");
    }
  });
});
