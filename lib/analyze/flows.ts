import { ConnectionQuery, ConnectivityAnalyzer, Explanation } from './analyzer';

/** A connection a test expects to be allowed or denied. */
export interface ExpectedFlow extends ConnectionQuery {
  readonly expect: 'allow' | 'deny';
  /** Why, for the failure message. @default - none */
  readonly because?: string;
}

export interface FlowMismatch {
  readonly flow: ExpectedFlow;
  readonly explanation: Explanation;
}

/** The flows whose verdict differs from what was expected, each with the analyzer's explanation. */
export function checkFlows(analyzer: ConnectivityAnalyzer, flows: readonly ExpectedFlow[]): FlowMismatch[] {
  return flows
    .map((flow) => ({ flow, explanation: analyzer.explain(flow) }))
    .filter(({ flow, explanation }) => explanation.allowed !== (flow.expect === 'allow'));
}

export function describeMismatches(mismatches: readonly FlowMismatch[]): string {
  return mismatches.map(({ flow, explanation }) =>
    `expected ${flow.expect.toUpperCase()}${flow.because ? ` (${flow.because})` : ''}\n${explanation.summary}`).join('\n\n');
}
