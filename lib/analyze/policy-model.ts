import { Endpoint, Pod, TransportProtocol } from './inventory';

export type Direction = 'ingress' | 'egress';

/** One rule of one policy, ready to match. */
export interface CompiledRule {
  /** Where the rule is, e.g. `CiliumNetworkPolicy ml/bert spec.egress[1]`. */
  readonly ref: string;
  /** The L3 part: does the rule's peer include this endpoint? */
  matchesPeer(endpoint: Endpoint): boolean;
  /** The L4 part: does the rule allow this destination port on `destination`? */
  matchesPort(port: number, protocol: TransportProtocol, destination: Endpoint): boolean;
  /** toFQDNs selectors: a DNS-name match also needs the source's DNS traffic to pass Cilium's DNS proxy. */
  readonly fqdnSelectors?: readonly any[];
}

/** A policy object (or one rule of a CNP's `specs`) in flavor-neutral form. */
export interface CompiledPolicy {
  /** `Kind namespace/name`, plus the spec path for Cilium. */
  readonly ref: string;
  readonly flavor: 'kubernetes' | 'cilium';
  selects(pod: Pod): boolean;
  /** Directions in which selected pods become default-deny. */
  readonly isolates: { readonly [D in Direction]: boolean };
  readonly allow: { readonly [D in Direction]: readonly CompiledRule[] };
  readonly deny: { readonly [D in Direction]: readonly CompiledRule[] };
  /** `rules.dns` selectors of the egress rules: the names Cilium's DNS proxy lets the selected pods resolve. */
  readonly dnsVisibility: readonly any[];
  /** Parts that were read but cannot be evaluated (e.g. toServices); they match nothing. */
  readonly notes: readonly string[];
}

/** Container-port lookup for named ports: does `destination` expose `name`/`protocol` as `port`? */
export function namedPortMatches(
  destination: Endpoint,
  name: string,
  protocol: TransportProtocol | 'ANY',
  port: number,
  caseInsensitive = false,
): boolean {
  if (destination.kind !== 'pod') return false;
  const wanted = caseInsensitive ? name.toLowerCase() : name;
  return destination.pod.ports.some((p) =>
    (caseInsensitive ? p.name?.toLowerCase() : p.name) === wanted
    && (protocol === 'ANY' || p.protocol === protocol)
    && p.port === port);
}
