/**
 * An integer of the JSON text that a double cannot hold (beyond 2^53 − 1), kept as written
 * so that an error can show it: JSON.parse would round 9007199254740993 to 9007199254740992.
 * It reads as the rounded number (valueOf, toJSON) and prints as written (toString).
 */
export class UnsafeJsonInteger {
  constructor(readonly text: string) {}
  valueOf(): number {
    return Number(this.text);
  }
  toJSON(): number {
    return Number(this.text);
  }
  toString(): string {
    return this.text;
  }
}
