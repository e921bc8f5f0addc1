/**
 * What the scenario store needs to know of one kind of scenario: how its stored document's
 * entries are found (any version it still reads), how one entry is checked (a one-line message
 * naming the field when it is wrong), how one is written and copied. The store itself (names,
 * limits, co-authors' merging, refusing to overwrite unreadable data) is the same for all.
 */
export interface Named {
  name: string;
}

export interface ScenarioKind<T extends Named> {
  /** The document version this kind writes; newer documents are refused, not misread. */
  readonly version: number;
  /** The document's entries, migrated to the current entry shape, or why they cannot be read. */
  entries(document: unknown): { entries: unknown[] } | { problem: string };
  /** One entry checked; `path` prefixes the field in the message ("scenarios.2.margin: …"). */
  parse(entry: unknown, path: (string | number)[]): { value: T } | { issue: string };
  /** The JSON written for one. */
  toFile(scenario: T): unknown;
  /** A copy that shares nothing mutable with the original. */
  clone(scenario: T): T;
}
