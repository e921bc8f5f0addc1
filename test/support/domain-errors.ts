/** Asserting the model's errors (DomainError: Excel's #NUM!, #VALUE!, …) in Jest tests. */
import { DomainError } from "../../src/model/errors";

/** What `f` throws (undefined when it returns). */
export function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Asserts that `f` throws the model's #NUM! error with a message matching `message`. */
export function expectNumError(f: () => unknown, message: RegExp): void {
  const caught = thrownBy(f);
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe("num");
  expect((caught as DomainError).message).toMatch(message);
}
