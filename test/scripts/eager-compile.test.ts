/**
 * scripts/eager-compile.js: the build step that puts the first screen's function expressions in
 * parentheses so V8 compiles them with taskpane.js. What it must never do is change what the
 * code does; and the production build must have run it.
 */
import { readFileSync } from "fs";
import path from "path";
import vm from "vm";
import * as acorn from "acorn";
import fc from "fast-check";
import { DIST } from "../support/built";

const { parenthesize } = require("../../scripts/eager-compile.js") as {
  parenthesize: (source: string, called: [number, number][]) => { source: string; wrapped: number };
};

type Node = acorn.Node & Record<string, unknown>;

/** Every function's range as V8's coverage reports it: a method from its key, others from their start. */
function functionRanges(source: string): { range: [number, number]; eligible: boolean }[] {
  const found: { range: [number, number]; eligible: boolean }[] = [];
  const walk = (node: Node, parent: Node | null): void => {
    if (/Function/.test(node.type)) {
      const method =
        parent !== null &&
        (parent.type === "MethodDefinition" ||
          (parent.type === "Property" && (parent.method === true || parent.kind !== "init")));
      found.push({
        range: [method ? parent!.start : node.start, node.end],
        eligible: !method && node.type !== "FunctionDeclaration",
      });
    }
    for (const value of Object.values(node))
      if (Array.isArray(value)) value.forEach((child) => child?.type && walk(child, node));
      else if (value && typeof value === "object" && "type" in value) walk(value as Node, node);
  };
  walk(acorn.parse(source, { ecmaVersion: "latest" }) as unknown as Node, null);
  return found;
}

describe("parenthesize", () => {
  test("wraps the function expressions and arrows named, and nothing else", () => {
    const source =
      "var o={a(x){return x+1},get g(){return 2},b:function(y){return y*2},c:z=>w=>z+w};" +
      "class K{m(){return 3}}function d(){return 4}var e=async()=>5;";
    const all = functionRanges(source).map((f) => f.range);
    expect(parenthesize(source, all)).toEqual({
      source:
        "var o={a(x){return x+1},get g(){return 2},b:(function(y){return y*2}),c:(z=>(w=>z+w))};" +
        "class K{m(){return 3}}function d(){return 4}var e=(async()=>5);",
      wrapped: 4,
    });
  });

  test("leaves a function it is not given, and a range that is not a function, alone", () => {
    const source = "var f=function(){return 1},g=()=>2;";
    const [, arrow] = functionRanges(source).map((f) => f.range);
    expect(parenthesize(source, [arrow, [0, 5]]).source).toBe(
      "var f=function(){return 1},g=(()=>2);"
    );
  });

  // Programs of nested function expressions, arrows (curried ones end together), methods and
  // calls: any selection of their functions wrapped gives a program that computes the same.
  const program = fc
    .letrec<{ expr: string; fn: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.integer({ min: 0, max: 9 }).map(String),
        fc.constant("x"),
        fc.tuple(tie("fn"), tie("expr")).map(([f, e]) => `apply(${f}, ${e})`),
        fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `({m(x){return ${a}}}).m(${b})`),
        fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `(${a} + ${b})`),
        fc
          .tuple(tie("expr"), tie("expr"), tie("expr"))
          .map(([a, b, c]) => `apply(apply(x => x => ${a}, ${b}), ${c})`)
      ),
      fn: fc.oneof(
        tie("expr").map((e) => `x => ${e}`),
        tie("expr").map((e) => `(x) => { return ${e}; }`),
        tie("expr").map((e) => `function (x) { return ${e}; }`),
        tie("expr").map((e) => `function named(x) { return x + ${e}; }`)
      ),
    }))
    .expr.map((expr) => `function apply(f, v) { return f(v); }\nvar x = 1;\n${expr};`);

  test("any selection of a program's functions wrapped: the program computes the same", () => {
    fc.assert(
      fc.property(program, fc.infiniteStream(fc.boolean()), (source, picks) => {
        const functions = functionRanges(source);
        const chosen = functions.filter(() => picks.next().value);
        const result = parenthesize(
          source,
          chosen.map((f) => f.range)
        );
        const expected = chosen.filter((f) => f.eligible).length;
        expect(result.wrapped).toBe(expected);
        expect(result.source.length).toBe(source.length + 2 * expected);
        expect(result.source.startsWith("function apply(f, v)")).toBe(true); // declarations stay
        expect(vm.runInNewContext(result.source)).toBe(vm.runInNewContext(source));
      }),
      { numRuns: 300 }
    );
  });
});

describe("the production build", () => {
  test("ran the step: taskpane.js says how many functions it wrapped, and still parses", () => {
    const source = readFileSync(path.join(DIST, "taskpane.js"), "utf8");
    const stamp = /\/\* first screen: (\d+) functions compiled with the script \*\/\n$/.exec(
      source
    );
    expect(stamp).not.toBeNull();
    // The first screen calls several hundred function expressions (about 340 at the time of writing).
    expect(Number(stamp![1])).toBeGreaterThan(100);
    expect(() => acorn.parse(source, { ecmaVersion: "latest" })).not.toThrow();
  });
});
