import { loneDots } from "../../../src/taskpane/charts/ChartFigure";

// A point is drawn as a marker exactly when neither neighbour exists: checked by plain loops.
function expectedLone(values: (number | null)[]): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < values.length; i++) {
    const here = values[i] !== null;
    const before = i > 0 && values[i - 1] !== null;
    const after = i < values.length - 1 && values[i + 1] !== null;
    out.push(here && !before && !after);
  }
  return out;
}

const drawn = (values: (number | null)[]) => {
  const dot = loneDots(values, "#123456");
  return values.map((_, index) => dot({ index, cx: 10, cy: 20 }).type === "circle");
};

describe("a line's lone points", () => {
  it("draws a single period as a marker", () => {
    expect(drawn([0.42])).toEqual([true]);
  });

  it("draws no marker on a line of several points, and one for a point between gaps", () => {
    for (const values of [
      [0.4, 0.5, 0.6],
      [null, 0.5, null, 0.3, 0.2],
      [0.1, null, 0.7],
      [null, null],
    ])
      expect(drawn(values)).toEqual(expectedLone(values));
    expect(drawn([0.4, 0.5])).toEqual([false, false]);
  });
});
