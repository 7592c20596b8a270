import { ConnectivityAnalyzer } from './analyzer';
import { checkFlows, describeMismatches, ExpectedFlow } from './flows';
import { TransportProtocol } from './inventory';

interface MatcherResult {
  readonly pass: boolean;
  message(): string;
}

function verdict(analyzer: ConnectivityAnalyzer, expectAllowed: boolean, from: string, to: string, port: number | string, protocol?: TransportProtocol): MatcherResult {
  if (!(analyzer instanceof ConnectivityAnalyzer)) {
    return { pass: false, message: () => 'expected a ConnectivityAnalyzer' };
  }
  const explanation = analyzer.explain({ from, to, port, protocol });
  return {
    pass: explanation.allowed === expectAllowed,
    message: () => `expected ${from} -> ${to} ${port}/${protocol ?? 'TCP'} to be ${explanation.allowed === expectAllowed ? 'not ' : ''}${expectAllowed ? 'allowed' : 'denied'}\n${explanation.summary}`,
  };
}

/**
 * Jest matchers: `expect.extend(connectivityMatchers)`, then
 * `expect(analyzer).toAllow('ml/bert-worker-0', 'ml/bert-master-0', 23456)` and `.toDeny(...)`.
 */
export const connectivityMatchers = {
  toAllow(analyzer: ConnectivityAnalyzer, from: string, to: string, port: number | string, protocol?: TransportProtocol): MatcherResult {
    return verdict(analyzer, true, from, to, port, protocol);
  },
  toDeny(analyzer: ConnectivityAnalyzer, from: string, to: string, port: number | string, protocol?: TransportProtocol): MatcherResult {
    return verdict(analyzer, false, from, to, port, protocol);
  },
  /** Every flow of a table (`{ from, to, port, protocol?, expect: 'allow' | 'deny', because? }`) gets its verdict. */
  toMatchFlows(analyzer: ConnectivityAnalyzer, flows: readonly ExpectedFlow[]): MatcherResult {
    const mismatches = checkFlows(analyzer, flows);
    return {
      pass: mismatches.length === 0,
      message: () => (mismatches.length ? `${mismatches.length} of ${flows.length} flows differ:\n\n${describeMismatches(mismatches)}` : `all ${flows.length} flows match`),
    };
  },
};

/** Add to jest's `Matchers<R>` in a declaration file to type the matchers (see README). */
export interface ConnectivityMatchers<R> {
  toAllow(from: string, to: string, port: number | string, protocol?: TransportProtocol): R;
  toDeny(from: string, to: string, port: number | string, protocol?: TransportProtocol): R;
  toMatchFlows(flows: readonly ExpectedFlow[]): R;
}
