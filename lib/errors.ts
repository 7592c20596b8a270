/** One thing wrong with the input of a construct. */
export interface InputProblem {
  /** Where in the props, e.g. `egress[1].to[0]`. */
  readonly field: string;
  /** The offending value, as given. */
  readonly value: unknown;
  /** What is wrong and what to do instead. */
  readonly message: string;
}

/** Thrown at synth time for bad input; names the construct path, the field and the offending value. */
export class PolicyInputError extends Error {
  public constructor(public readonly constructPath: string, public readonly problems: readonly InputProblem[]) {
    super(problems.map((p) => `${constructPath}: ${p.field}: ${p.message} (got ${describeValue(p.value)})`).join('\n'));
    this.name = 'PolicyInputError';
  }
}

/** Collects problems so that one error reports all of them. */
export class Problems {
  private readonly found: InputProblem[] = [];

  public add(field: string, value: unknown, message: string): void {
    this.found.push({ field, value, message });
  }

  public get list(): readonly InputProblem[] {
    return this.found;
  }

  public throwIfAny(constructPath: string): void {
    if (this.found.length > 0) {
      throw new PolicyInputError(constructPath, this.found);
    }
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null && value.toString !== Object.prototype.toString) {
    return String(value);
  }
  return JSON.stringify(value);
}
