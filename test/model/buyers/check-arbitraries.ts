/** Random BG/NBD parameters and customer summaries for the model checks' property tests. */
import fc from "fast-check";

export const bgnbdArb = fc.record({
  r: fc.double({ min: 0.1, max: 3, noNaN: true }),
  alpha: fc.double({ min: 0.5, max: 20, noNaN: true }),
  a: fc.double({ min: 0.3, max: 5, noNaN: true }),
  b: fc.double({ min: 0.3, max: 10, noNaN: true }),
});

/** One customer (x, t_x, T), T in whole and half units so customers share T now and then. */
export const customerArb = fc
  .record({
    x: fc.integer({ min: 0, max: 12 }),
    T: fc.integer({ min: 0, max: 120 }).map((h) => h / 2),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : share * T }));

export const customersArb = fc.array(customerArb, { minLength: 1, maxLength: 40 });
