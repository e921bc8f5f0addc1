/** fast-check generators for what Excel may hand a custom function. */
import fc from "fast-check";

/** Any one cell: numbers of every size and sign, blanks (web: null, ""), text, booleans. */
export const anyCell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: fc.double({ min: -2, max: 2, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 100_000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0, -0, 1, 1e308, -1e308, 5e-324, 1e-300, Number.MAX_SAFE_INTEGER),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, "", "  ") },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom("abc", "1e999", "NaN", "Infinity", "12", "#N/A")
    ),
  },
  { weight: 1, arbitrary: fc.boolean() }
);

/**
 * An error value as it reaches an `any` parameter when the metadata sets allowErrorForDataTypeAny:
 * a CustomFunctions.Error (the runtime's class also carries type "Error"), or, with data types
 * enabled, a plain { type: "Error", basicValue } object.
 */
export const errorCell: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.constantFrom("#N/A", "#VALUE!", "#DIV/0!", "#NUM!", "#REF!", "#NAME?", "#NULL!"),
    fc.boolean()
  )
  .map(([code, plain]) =>
    plain
      ? { type: "Error", basicValue: code }
      : new CustomFunctions.Error(code as CustomFunctions.ErrorCode)
  );

/** Any cell, error values included. */
export const anyCellOrError: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 9, arbitrary: anyCell },
  { weight: 1, arbitrary: errorCell }
);

/** One argument: a scalar wrapped as Excel does ([[x]]), a range, or null when omitted. */
export function anyArg(
  shape: { rows: number; cols: number },
  optional = false,
  cell: fc.Arbitrary<unknown> = anyCell
): fc.Arbitrary<unknown> {
  const range = fc.array(fc.array(cell, { minLength: shape.cols, maxLength: shape.cols }), {
    minLength: shape.rows,
    maxLength: shape.rows,
  });
  const mismatched = fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), {
    minLength: 1,
    maxLength: 3,
  });
  const options: fc.Arbitrary<unknown>[] = [cell.map((c) => [[c]]), range, mismatched];
  if (optional) options.push(fc.constant(null));
  return fc.oneof(...options);
}

/** Argument lists for a function with `required` + `optional` parameters, often sharing one shape. */
export function anyArgs(
  required: number,
  optional: number,
  cell: fc.Arbitrary<unknown> = anyCell
): fc.Arbitrary<unknown[]> {
  return fc
    .record({ rows: fc.integer({ min: 1, max: 4 }), cols: fc.integer({ min: 1, max: 3 }) })
    .chain((shape) =>
      fc.tuple(
        ...Array.from({ length: required + optional }, (_, i) => anyArg(shape, i >= required, cell))
      )
    );
}
