/**
 * Renders a sheet plan as a static HTML table that looks like the sheet: formula cells show the
 * model's value (the plan carries it) with the formula as a tooltip. Every string is escaped,
 * so no user text (scenario names, currencies) can become markup.
 */
import { STYLE_LOOKS } from "../plan-style";
import { utcDateFromSerial } from "../../model/reading/excel-dates";
import { columnLetter, NumberFormat, parseCellRef, PlanCell, SheetPlan } from "../sheet-plan";

export function renderPlanToHtml(plan: SheetPlan): string {
  const grid = new Map<string, PlanCell>();
  let rowCount = 0;
  let columnCount = 0;
  for (const block of plan.blocks) {
    const origin = parseCellRef(block.topLeft);
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell) return;
        grid.set(`${origin.row + r}:${origin.column + c}`, cell);
        rowCount = Math.max(rowCount, origin.row + r + 1);
        columnCount = Math.max(columnCount, origin.column + c + 1);
      })
    );
  }
  const heat = heatMapColors(plan, grid);
  const columns = Array.from({ length: columnCount }, (_, c) => columnLetter(c));
  const colgroup = columns
    .map((letter) => `<col style="width:${plan.columnWidths[letter] ?? 10}ch">`)
    .join("");
  const head = `<tr><th></th>${columns.map((letter) => `<th scope="col">${letter}</th>`).join("")}</tr>`;
  const body: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    const cells = columns.map((_, c) => renderCell(grid.get(`${r}:${c}`), heat.get(`${r}:${c}`)));
    body.push(`<tr><th scope="row">${r + 1}</th>${cells.join("")}</tr>`);
  }
  return `<table class="sheet-plan" aria-label="${escapeHtml(plan.sheetName)}"><colgroup><col style="width:4ch">${colgroup}</colgroup><thead>${head}</thead><tbody>${body.join("")}</tbody></table>`;
}

/**
 * The plan's colour scales as Excel draws them: each numeric cell of the range coloured between
 * the lowest value, the 50th percentile (when there is a midpoint colour) and the highest.
 */
function heatMapColors(plan: SheetPlan, grid: Map<string, PlanCell>): Map<string, string> {
  const colors = new Map<string, string>();
  for (const scale of plan.conditionalFormats ?? []) {
    const [from, to] = scale.range.split(":").map(parseCellRef);
    const cells: [string, number][] = [];
    for (let r = from.row; r <= to.row; r++)
      for (let c = from.column; c <= to.column; c++) {
        const cell = grid.get(`${r}:${c}`);
        const v =
          cell?.kind === "number" ? cell.value : cell?.kind === "formula" ? cell.expected : NaN;
        if (Number.isFinite(v)) cells.push([`${r}:${c}`, v]);
      }
    if (cells.length === 0) continue;
    const sorted = cells.map(([, v]) => v).sort((a, b) => a - b);
    const low = sorted[0];
    const high = sorted[sorted.length - 1];
    const k = (sorted.length - 1) / 2;
    const median = (sorted[Math.floor(k)] + sorted[Math.ceil(k)]) / 2;
    const { min, mid, max } = scale.colors;
    for (const [key, v] of cells) {
      if (mid === undefined)
        colors.set(key, mix(min, max, high > low ? (v - low) / (high - low) : 0));
      else if (v <= median)
        colors.set(key, mix(min, mid, median > low ? (v - low) / (median - low) : 1));
      else colors.set(key, mix(mid, max, high > median ? (v - median) / (high - median) : 1));
    }
  }
  return colors;
}

/** #RRGGBB between a (share 0) and b (share 1). */
function mix(a: string, b: string, share: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `#${[0, 1, 2]
    .map((i) =>
      Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * share)
        .toString(16)
        .padStart(2, "0")
    )
    .join("")}`.toUpperCase();
}

function renderCell(cell: PlanCell | undefined, heat?: string): string {
  if (!cell) return "<td></td>";
  const look = cell.style ? STYLE_LOOKS[cell.style] : {};
  const css = [
    look.bold ? "font-weight:bold" : "",
    look.italic ? "font-style:italic" : "",
    look.size ? `font-size:${look.size}pt` : "",
    look.color ? `color:${look.color}` : "",
    heat ? `background:${heat}` : look.fill ? `background:${look.fill}` : "",
    cell.kind === "text" ? "" : "text-align:right",
  ].filter(Boolean);
  const attributes = [
    cell.style ? ` class="cell-${cell.style}"` : "",
    css.length ? ` style="${css.join(";")}"` : "",
  ];
  if (cell.kind === "formula") attributes.push(` title="${escapeHtml(cell.formula)}"`);
  return `<td${attributes.join("")}>${escapeHtml(displayText(cell))}</td>`;
}

/** What the sheet would show in the cell. */
export function displayText(cell: PlanCell): string {
  switch (cell.kind) {
    case "text":
      return cell.text;
    case "blank":
      return "";
    case "number":
      return formatNumber(cell.value, cell.format);
    case "formula":
      if (cell.expectedText !== undefined) return cell.expectedText;
      return Number.isFinite(cell.expected) ? formatNumber(cell.expected, cell.format) : "#DIV/0!";
  }
}

const CURRENCY_SIGNS: Record<string, string> = {
  USD: "$",
  EUR: "€",
  GBP: "£",
  RUB: "₽",
  CNY: "¥",
  JPY: "¥",
};

export function formatNumber(value: number, format: NumberFormat): string {
  const fixed = (digits: number) =>
    value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  switch (format.kind) {
    case "percent":
      return `${(value * 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;
    case "decimal":
      return fixed(Math.max(0, Math.min(15, Math.round(format.decimals ?? 2))));
    case "currency": {
      const code = format.currency.toUpperCase();
      return `${fixed(2)} ${CURRENCY_SIGNS[code] ?? code}`;
    }
    case "date": {
      return utcDateFromSerial(value).toISOString().slice(0, 10);
    }
    case "count":
    case "general":
      return String(Number(value.toPrecision(11)));
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
