import { Problems } from '../errors';
import { labelKeyProblem, labelValueProblem } from '../common/syntax';

export enum LabelOperator {
  IN = 'In',
  NOT_IN = 'NotIn',
  EXISTS = 'Exists',
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One `matchExpressions` requirement. */
export class LabelExpression {
  public static in(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, LabelOperator.IN, values);
  }

  public static notIn(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, LabelOperator.NOT_IN, values);
  }

  public static exists(key: string): LabelExpression {
    return new LabelExpression(key, LabelOperator.EXISTS, []);
  }

  public static doesNotExist(key: string): LabelExpression {
    return new LabelExpression(key, LabelOperator.DOES_NOT_EXIST, []);
  }

  private constructor(
    public readonly key: string,
    public readonly operator: LabelOperator,
    public readonly values: readonly string[],
  ) {}

  public toString(): string {
    return `${this.key} ${this.operator}${this.values.length ? ` [${this.values.join(', ')}]` : ''}`;
  }
}

export interface LabelSelectorOptions {
  /**
   * Labels that must all be present with these values.
   * @default - no label requirement
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Requirements that must all hold.
   * @default - no expression
   */
  readonly expressions?: LabelExpression[];
}

/** Plain `metav1.LabelSelector`, keys and values sorted. */
export interface LabelSelectorJson {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Selects objects by their labels. An empty selector selects everything. */
export class LabelSelector {
  public static all(): LabelSelector {
    return new LabelSelector({}, []);
  }

  public static labels(labels: { readonly [key: string]: string }): LabelSelector {
    return new LabelSelector(labels, []);
  }

  public static of(options: LabelSelectorOptions): LabelSelector {
    return new LabelSelector(options.labels ?? {}, options.expressions ?? []);
  }

  private constructor(
    public readonly matchLabels: { readonly [key: string]: string },
    public readonly expressions: readonly LabelExpression[],
  ) {}

  public get isEmpty(): boolean {
    return Object.keys(this.matchLabels).length === 0 && this.expressions.length === 0;
  }

  /** @internal */
  public _checkInto(problems: Problems, field: string): void {
    for (const [key, value] of Object.entries(this.matchLabels)) {
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) problems.add(`${field}.labels`, key, keyProblem);
      const valueProblem = labelValueProblem(value);
      if (valueProblem) problems.add(`${field}.labels["${key}"]`, value, valueProblem);
    }
    this.expressions.forEach((expression, i) => {
      const at = `${field}.expressions[${i}]`;
      const keyProblem = labelKeyProblem(expression.key);
      if (keyProblem) problems.add(`${at}.key`, expression.key, keyProblem);
      const needsValues = expression.operator === LabelOperator.IN || expression.operator === LabelOperator.NOT_IN;
      if (needsValues && expression.values.length === 0) {
        problems.add(at, expression, `${expression.operator} needs at least one value`);
      }
      for (const value of expression.values) {
        const valueProblem = labelValueProblem(value);
        if (valueProblem) problems.add(`${at}.values`, value, valueProblem);
      }
    });
  }

  /** Renders with keys prefixed by `keyPrefix` (Cilium namespace-label keys), sorted. */
  public toJson(keyPrefix = ''): LabelSelectorJson {
    const out: LabelSelectorJson = {};
    const labelKeys = Object.keys(this.matchLabels).sort();
    if (labelKeys.length > 0) {
      out.matchLabels = Object.fromEntries(labelKeys.map((k) => [keyPrefix + k, this.matchLabels[k]]));
    }
    if (this.expressions.length > 0) {
      out.matchExpressions = this.expressions
        .map((e) => ({
          key: keyPrefix + e.key,
          operator: e.operator as string,
          ...(e.values.length > 0 ? { values: [...new Set(e.values)].sort() } : {}),
        }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    return out;
  }

  public toString(): string {
    const parts = [
      ...Object.entries(this.matchLabels).map(([k, v]) => `${k}=${v}`),
      ...this.expressions.map((e) => e.toString()),
    ];
    return parts.length ? `{${parts.join(', ')}}` : '{all}';
  }
}
