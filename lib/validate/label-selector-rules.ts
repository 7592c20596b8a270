import { isIdentityLabel, splitKey } from '../analyze/cilium-identity';
import { labelKeyProblem, labelValueProblem } from '../common/syntax';
import { FindingSink, pointer } from './findings';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The requirement-level rules both APIs share (values required or forbidden, value syntax). */
function checkExpressions(sink: FindingSink, path: string, selector: Record<string, any>, keyProblem: (key: string) => string | undefined, prefix: string): void {
  if (selector.matchExpressions === undefined) return;
  if (!Array.isArray(selector.matchExpressions)) {
    sink.error(pointer(path, 'matchExpressions'), 'matchExpressions must be a list');
    return;
  }
  selector.matchExpressions.forEach((e: any, i: number) => {
    const at = pointer(path, 'matchExpressions', i);
    if (!isObject(e)) return sink.error(at, 'a requirement must be an object with key and operator');
    if (typeof e.key !== 'string') sink.error(pointer(at, 'key'), 'key is required');
    else {
      const problem = keyProblem(e.key);
      if (problem) sink.error(pointer(at, 'key'), `${prefix}${problem} (key ${JSON.stringify(e.key)})`);
    }
    if (!OPERATORS.includes(e.operator)) {
      return sink.error(pointer(at, 'operator'), `operator must be one of ${OPERATORS.join(', ')} (got ${JSON.stringify(e.operator)})`);
    }
    const values: unknown[] = e.values ?? [];
    if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) {
      sink.error(pointer(at, 'values'), `${prefix}values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`);
    }
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) {
      sink.error(pointer(at, 'values'), `${prefix}values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`);
    }
    values.forEach((v, j) => {
      const problem = typeof v === 'string' ? labelValueProblem(v) : 'a label value must be a string';
      if (problem) sink.error(pointer(at, 'values', j), `${prefix}${problem} (value ${JSON.stringify(v)})`);
    });
  });
}

function checkMatchLabels(sink: FindingSink, path: string, selector: Record<string, any>, keyProblem: (key: string) => string | undefined, prefix: string): void {
  if (selector.matchLabels === undefined || selector.matchLabels === null) return;
  if (!isObject(selector.matchLabels)) return sink.error(pointer(path, 'matchLabels'), 'matchLabels must be a map of strings');
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    const problem = keyProblem(key);
    if (problem) sink.error(pointer(path, 'matchLabels', key), `${prefix}${problem} (key ${JSON.stringify(key)})`);
    const valueProblem = typeof value === 'string' ? labelValueProblem(value) : 'a label value must be a string';
    if (valueProblem) sink.error(pointer(path, 'matchLabels', key), `${valueProblem} (value ${JSON.stringify(value)})`);
  }
}

/** metav1.LabelSelector as the API server validates it. */
export function checkKubernetesSelector(sink: FindingSink, path: string, selector: unknown): void {
  if (selector === undefined || selector === null) return;
  if (!isObject(selector)) return sink.error(path, 'a label selector must be an object');
  checkMatchLabels(sink, path, selector, labelKeyProblem, '');
  checkExpressions(sink, path, selector, labelKeyProblem, '');
}

/** Cilium's key syntax: at most one `source:` prefix, an alphanumeric source, then a Kubernetes qualified name. */
function ciliumKeyProblem(key: string): string | undefined {
  const colons = key.split(':').length - 1;
  if (colons > 1) return 'a valid label key only support \':\' character as a source separator with non empty value';
  const { source, key: rest } = splitKey(key);
  if (colons === 1 && !/^[A-Za-z0-9]+$/.test(source)) return 'label source should be a non empty string with only alphanumeric characters';
  return labelKeyProblem(rest);
}

/** A Cilium EndpointSelector / NodeSelector: CRD schema plus the agent's `labels.ValidateLabelSelector`. */
export function checkCiliumSelector(sink: FindingSink, path: string, selector: unknown): void {
  if (!isObject(selector)) return sink.error(path, 'a selector must be an object (use {} to select everything)');
  const prefix = 'invalid label selector: ';
  checkMatchLabels(sink, path, selector, ciliumKeyProblem, prefix);
  checkExpressions(sink, path, selector, ciliumKeyProblem, prefix);
  const keys = [...Object.keys(isObject(selector.matchLabels) ? selector.matchLabels : {}),
    ...(Array.isArray(selector.matchExpressions) ? selector.matchExpressions.map((e: any) => e?.key).filter((k: unknown) => typeof k === 'string') : [])];
  for (const key of keys) {
    const { source, key: rest } = splitKey(key);
    if (source !== 'reserved' && !isIdentityLabel(rest)) {
      sink.warning(path, `Cilium leaves label ${JSON.stringify(rest)} out of security identities, so this selector never matches; select on a stable label instead`);
    }
  }
}
