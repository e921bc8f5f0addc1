/**
 * Customer ids coded as integers 0, 1, 2, … in order of first appearance, so every aggregation
 * works on typed arrays. The original id (number, or text) is kept once per customer.
 */
export class CustomerIds {
  private readonly codes = new Map<string | number, number>();
  readonly labels: Array<string | number> = [];

  get count(): number {
    return this.labels.length;
  }

  code(key: string | number): number {
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.labels.length;
      this.codes.set(key, code);
      this.labels.push(key);
    }
    return code;
  }
}
