/** Column letters (column-letter.ts) against a spreadsheet's own counting: A … Z, AA … ZZ, AAA …. */
import { columnLetter } from "../../../src/model/reading/column-letter";
import { columnLetter as planColumnLetter } from "../../../src/report/sheet-plan";

/** The next name after `name`, as an odometer whose digits run A to Z and which grows a digit after all Zs. */
function next(name: string): string {
  const letters = name.split("");
  for (let i = letters.length - 1; i >= 0; i--) {
    if (letters[i] !== "Z") {
      letters[i] = String.fromCharCode(letters[i].charCodeAt(0) + 1);
      return letters.join("");
    }
    letters[i] = "A";
  }
  return "A" + letters.join("");
}

test("every column up to Excel's last (XFD, 16,384) has the spreadsheet's name", () => {
  let name = "A";
  for (let index = 0; index < 16_384; index++, name = next(name))
    expect([index, columnLetter(index)]).toEqual([index, name]);
  expect(columnLetter(16_383)).toBe("XFD");
  // The sheet plans name columns by the same helper.
  expect(planColumnLetter).toBe(columnLetter);
});
