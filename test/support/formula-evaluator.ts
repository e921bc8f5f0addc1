/**
 * A tiny evaluator for the formulas the report plans contain (numbers, A1 references, "" ,
 * + - * / ^, comparisons, IF, TRUNC, LN, EXP, MAX, MIN), so plan tests can check formula results without Excel.
 * Anything else is an error: a formula using something unexpected fails the test.
 */
import { PlanCell, planCells, SheetPlan } from "../../src/report/sheet-plan";

type Value = number | string;

export class PlanEvaluator {
  private readonly cells = new Map<string, PlanCell>();
  private readonly cache = new Map<string, Value>();
  readonly referenced = new Set<string>();

  constructor(plan: SheetPlan) {
    for (const { ref, cell } of planCells(plan)) this.cells.set(ref, cell);
  }

  /** Changes an input cell, as a user typing into the sheet would. */
  setNumber(ref: string, value: number): void {
    const cell = this.cells.get(ref);
    if (!cell || (cell.kind !== "number" && cell.kind !== "blank"))
      throw new Error(`${ref} is not an input cell`);
    this.cells.set(ref, { kind: "number", value, format: cell.format });
    this.cache.clear();
  }

  value(ref: string): Value {
    const key = ref.replace(/\$/g, "");
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const cell = this.cells.get(key);
    let result: Value;
    if (!cell || cell.kind === "blank") result = "";
    else if (cell.kind === "text") result = cell.text;
    else if (cell.kind === "number") result = cell.value;
    else result = this.evaluate(cell.formula);
    this.cache.set(key, result);
    return result;
  }

  number(ref: string): number {
    const v = this.value(ref);
    if (typeof v !== "number") throw new Error(`${ref} is not a number: ${JSON.stringify(v)}`);
    return v;
  }

  evaluate(formula: string): Value {
    if (!formula.startsWith("=")) throw new Error(`not a formula: ${formula}`);
    const tokens = tokenize(formula.slice(1));
    let pos = 0;
    const peek = () => tokens[pos];
    const take = (expected?: string) => {
      const t = tokens[pos++];
      if (expected !== undefined && t !== expected)
        throw new Error(`expected ${expected} in ${formula}, got ${t}`);
      return t;
    };
    const num = (v: Value): number => {
      if (typeof v === "number") return v;
      if (v === "") return 0;
      throw new Error(`text in arithmetic: ${v}`);
    };
    const comparison = (): Value => {
      let left = additive();
      while (["=", "<>", "<", ">", "<=", ">="].includes(peek())) {
        const op = take();
        const right = additive();
        const cmp = compare(left, right);
        const truth = {
          "=": cmp === 0,
          "<>": cmp !== 0,
          "<": cmp < 0,
          ">": cmp > 0,
          "<=": cmp <= 0,
          ">=": cmp >= 0,
        }[op]!;
        left = truth ? 1 : 0;
      }
      return left;
    };
    const additive = (): Value => {
      let left = multiplicative();
      while (peek() === "+" || peek() === "-") {
        const op = take();
        const right = num(multiplicative());
        left = op === "+" ? num(left) + right : num(left) - right;
      }
      return left;
    };
    const multiplicative = (): Value => {
      let left = power();
      while (peek() === "*" || peek() === "/") {
        const op = take();
        const right = num(power());
        if (op === "/" && right === 0) throw new Error("#DIV/0!");
        left = op === "*" ? num(left) * right : num(left) / right;
      }
      return left;
    };
    const power = (): Value => {
      let left = unary();
      while (peek() === "^") {
        take();
        left = Math.pow(num(left), num(unary()));
      }
      return left;
    };
    const unary = (): Value => (peek() === "-" ? (take(), -num(unary())) : primary());
    const primary = (): Value => {
      const t = take();
      if (t === undefined) throw new Error(`unexpected end of ${formula}`);
      if (t === "(") {
        const v = comparison();
        take(")");
        return v;
      }
      if (/^\d/.test(t)) return Number(t);
      if (t.startsWith('"')) return t.slice(1, -1);
      if (/^\$?[A-Z]+\$?\d+$/.test(t)) {
        this.referenced.add(t.replace(/\$/g, ""));
        return this.value(t);
      }
      if (t === "IF") {
        take("(");
        const condition = comparison();
        take(",");
        // Excel's IF evaluates only the branch it returns: evaluate both lazily by position.
        const start = pos;
        const skip = () => {
          let depth = 0;
          while (pos < tokens.length) {
            const tok = tokens[pos];
            if (depth === 0 && (tok === "," || tok === ")")) return;
            if (tok === "(") depth++;
            if (tok === ")") depth--;
            pos++;
          }
        };
        let result: Value;
        if (num(condition) !== 0) {
          result = comparison();
          take(",");
          skip();
        } else {
          pos = start;
          skip();
          take(",");
          result = comparison();
        }
        take(")");
        return result;
      }
      if (t === "TRUNC") {
        take("(");
        const v = Math.trunc(num(comparison()));
        take(")");
        return v;
      }
      if (t === "LN" || t === "EXP" || t === "MAX" || t === "MIN") {
        take("(");
        const args = [num(comparison())];
        while (peek() === ",") {
          take();
          args.push(num(comparison()));
        }
        take(")");
        if (t === "MAX") return Math.max(...args);
        if (t === "MIN") return Math.min(...args);
        if (args.length !== 1) throw new Error(`${t} takes one argument in ${formula}`);
        // Excel: LN of 0 or less, and EXP past 709.78, are #NUM!.
        const v = t === "LN" ? (args[0] > 0 ? Math.log(args[0]) : NaN) : Math.exp(args[0]);
        if (!Number.isFinite(v)) throw new Error(`#NUM! ${t}(${args[0]}) in ${formula}`);
        return v;
      }
      throw new Error(`unsupported token ${t} in ${formula}`);
    };
    const result = comparison();
    if (pos !== tokens.length) throw new Error(`trailing tokens in ${formula}`);
    return result;
  }
}

function compare(a: Value, b: Value): number {
  if (typeof a === "string" || typeof b === "string")
    return String(a) === String(b) ? 0 : String(a) < String(b) ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern =
    /\s*(\d+(?:\.\d+)?(?:E[+-]?\d+)?|"[^"]*"|\$?[A-Z]+\$?\d+|[A-Z]+(?=\()|<>|<=|>=|[-+*/^(),=<>])/y;
  let index = 0;
  while (index < text.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) throw new Error(`cannot tokenize ${text.slice(index)}`);
    tokens.push(match[1]);
    index = pattern.lastIndex;
  }
  return tokens;
}
