import { ConnectivityAnalyzer } from './analyzer';
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
};

/** Add to jest's `Matchers<R>` in a declaration file to type the matchers (see README). */
export interface ConnectivityMatchers<R> {
  toAllow(from: string, to: string, port: number | string, protocol?: TransportProtocol): R;
  toDeny(from: string, to: string, port: number | string, protocol?: TransportProtocol): R;
}
