/** @jest-environment jsdom */
/**
 * NumberTable, the pane's one table of figures: for random shapes, the table a screen reader
 * meets (its name from the caption, a header row, a header cell a row, the figures in order) is
 * the one written out here cell by cell; rows from `first` on; data-col marks; the cells' own
 * attributes and styles; the scrolling box it sits in.
 */
import { render, screen, within } from "@testing-library/react";
import fc from "fast-check";
import { NumberTable } from "../../../../src/taskpane/components/shared/NumberTable";

/** The rows of a rendered table as text, header row first: th and td alike, left to right. */
function textRows(table: HTMLElement): string[][] {
  return [...table.querySelectorAll("tr")].map((tr) =>
    [...tr.children].map((cell) => cell.textContent ?? "")
  );
}

describe("NumberTable", () => {
  it("writes the caption, the header row and every row's header and figures, in order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 9 }),
        fc.boolean(),
        (rows, columns, firstWanted, marked) => {
          const first = Math.min(firstWanted, rows);
          const figure = (i: number, j: number) => `${i}·${j}`;
          const { unmount } = render(
            <NumberTable
              caption="Figures"
              testId="t"
              rows={rows}
              first={first}
              rowProps={(i) => ({ "data-row": i })}
              rowHeader={{ key: "name", header: "Name", cell: (i) => `row ${i}` }}
              columns={Array.from({ length: columns }, (_, j) => ({
                key: `c${j}`,
                header: `Column ${j}`,
                cell: (i: number) => figure(i, j),
              }))}
              markColumns={marked}
            />
          );
          const table = screen.getByRole("table", { name: "Figures" });
          // Written out by hand: the header row, then rows first … rows − 1.
          const expected = [["Name", ...Array.from({ length: columns }, (_, j) => `Column ${j}`)]];
          for (let i = first; i < rows; i++) {
            const row = [`row ${i}`];
            for (let j = 0; j < columns; j++) row.push(figure(i, j));
            expected.push(row);
          }
          expect(textRows(table)).toEqual(expected);
          // Each body row: one row header, then the figures, each found by its column when marked.
          const body = [...table.querySelectorAll("tbody tr")];
          expect(body.map((tr) => tr.getAttribute("data-row"))).toEqual(
            expected.slice(1).map((_, k) => String(first + k))
          );
          for (const [k, tr] of body.entries()) {
            expect(within(tr as HTMLElement).getAllByRole("rowheader")).toHaveLength(1);
            for (let j = 0; j < columns; j++) {
              const cell = tr.querySelector(`[data-col=c${j}]`);
              expect(cell?.textContent ?? null).toBe(marked ? figure(first + k, j) : null);
            }
            expect(tr.querySelector("[data-col=name]")?.textContent ?? null).toBe(
              marked ? `row ${first + k}` : null
            );
          }
          expect(table.querySelectorAll("th[scope=col]")).toHaveLength(columns + 1);
          unmount();
        }
      ),
      { numRuns: 60 }
    );
  });

  it("takes the rows' keys as the rows, and leaves out the header row when asked", () => {
    const keys = ["ltv.value", "ltv.ltvToCac", "ltv.periods"];
    render(
      <NumberTable
        caption="LTV"
        testId="ltv"
        headless
        rows={keys}
        rowHeader={{ cell: (i) => keys[i].toUpperCase() }}
        columns={[
          {
            key: "value",
            header: null,
            cell: (i) => String(i * 10),
            props: (i) => ({ "data-output": keys[i] }),
          },
        ]}
      />
    );
    const table = screen.getByTestId("ltv");
    expect(table.querySelector("thead")).toBeNull();
    expect(textRows(table)).toEqual([
      ["LTV.VALUE", "0"],
      ["LTV.LTVTOCAC", "10"],
      ["LTV.PERIODS", "20"],
    ]);
    expect(table.querySelector("[data-output='ltv.periods']")!.textContent).toBe("20");
  });

  it("takes another look, gives a cell its own attributes and style, and leaves an empty corner", () => {
    render(
      <NumberTable
        caption="Grid"
        testId="grid"
        look={{ table: "heat", head: "heat-head", cell: "heat-cell" }}
        tableProps={{ "data-measure": "share" }}
        rows={2}
        rowHeader={{ cell: (i) => `r${i}` }}
        columns={[0, 1].map((j) => ({
          key: String(j),
          header: `c${j}`,
          cell: (i: number) => String(i + j),
          props: (i: number) => ({
            style: { backgroundColor: `rgb(${i}, ${j}, 0)` },
            "aria-current": i === 1 && j === 1 ? ("true" as const) : undefined,
            title: i === 1 && j === 1 ? "current" : undefined,
          }),
        }))}
      />
    );
    const table = screen.getByTestId("grid");
    expect(table.getAttribute("data-measure")).toBe("share");
    // The look's classes replace the list's: on the table, every header cell and every cell.
    expect(table.className).toBe("heat");
    expect([...table.querySelectorAll("th")].map((th) => th.className)).toEqual([
      "heat-head",
      "heat-head",
      "heat-head",
      "heat-head",
    ]);
    expect([...table.querySelectorAll("td")].map((td) => td.className)).toEqual([
      "",
      "heat-cell",
      "heat-cell",
      "heat-cell",
      "heat-cell",
    ]);
    const corner = table.querySelector("thead tr")!.firstElementChild!;
    expect(corner.tagName).toBe("TD");
    expect(corner.textContent).toBe("");
    const current = table.querySelectorAll("[aria-current=true]");
    expect(current).toHaveLength(1);
    expect(current[0].textContent).toBe("2");
    expect(current[0].getAttribute("title")).toBe("current");
    const cells = [...table.querySelectorAll("tbody td")] as HTMLElement[];
    expect(cells.map((c) => c.style.backgroundColor)).toEqual([
      "rgb(0, 0, 0)",
      "rgb(0, 1, 0)",
      "rgb(1, 0, 0)",
      "rgb(1, 1, 0)",
    ]);
  });

  it("scrolls in a focusable region named as asked, in a plain box, or not at all", () => {
    const table = (scroll?: { label: string; fullHeight?: boolean } | "overflow") => (
      <NumberTable
        caption="Wide"
        testId="wide"
        scroll={scroll}
        rows={1}
        rowHeader={{ header: "h", cell: () => "r" }}
        columns={[{ key: "x", header: "x", cell: () => "1" }]}
      />
    );
    const { container, rerender } = render(table({ label: "Wide table" }));
    const region = screen.getByRole("region", { name: "Wide table" });
    expect(region.getAttribute("tabindex")).toBe("0");
    expect(within(region).getByTestId("wide")).toBeTruthy();
    rerender(table("overflow"));
    expect(screen.queryByRole("region")).toBeNull();
    expect(screen.getByTestId("wide").parentElement!.parentElement).toBe(container);
    rerender(table());
    expect(screen.getByTestId("wide").parentElement).toBe(container);
  });
});
