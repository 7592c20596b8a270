import { cidrContainsIp, parseCidr } from '../common/cidr';
import { compileEndpointSelector, endpointIdentity, podIdentity, scopePeerSelector, scopeSubjectSelector } from './cilium-identity';
import { Endpoint, Pod, TransportProtocol } from './inventory';
import { CompiledPolicy, CompiledRule, Direction, namedPortMatches } from './policy-model';

const PEER_FIELDS: { readonly [D in Direction]: readonly string[] } = {
  ingress: ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups'],
  egress: ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toGroups', 'toNodes', 'toFQDNs'],
};

/** The rules of a CiliumNetworkPolicy (namespaced) or CiliumClusterwideNetworkPolicy, one CompiledPolicy per rule. */
export function compileCiliumPolicy(manifest: any): CompiledPolicy[] {
  const clusterwide = manifest.kind === 'CiliumClusterwideNetworkPolicy';
  const namespace: string | undefined = clusterwide ? undefined : (manifest.metadata?.namespace ?? 'default');
  const ref = `${manifest.kind} ${namespace ? `${namespace}/` : ''}${manifest.metadata?.name}`;
  const rules: [string, any][] = [
    ...(manifest.spec ? [['spec', manifest.spec] as [string, any]] : []),
    ...((manifest.specs ?? []) as any[]).map((rule, i) => [`specs[${i}]`, rule] as [string, any]),
  ];
  return rules.map(([path, rule]) => compileRule(rule, `${ref} ${path}`, namespace));
}

function compileRule(rule: any, ref: string, namespace: string | undefined): CompiledPolicy {
  const notes: string[] = [];
  const sections = (name: string): any[] => rule[name] ?? [];
  const hostPolicy = rule.nodeSelector !== undefined;
  if (hostPolicy) notes.push(`${ref}: host policies (nodeSelector) select nodes, not pods; not evaluated`);
  const subject = compileEndpointSelector(scopeSubjectSelector(rule.endpointSelector ?? {}, namespace));
  const compileAll = (name: string, direction: Direction) =>
    sections(name).map((r, i) => compilePeerRule(r, `${ref}.${name}[${i}]`, direction, namespace, notes));
  const defaultDeny = rule.enableDefaultDeny ?? {};
  return {
    ref,
    flavor: 'cilium',
    selects: (pod: Pod) => !hostPolicy && subject(podIdentity(pod)),
    isolates: {
      ingress: defaultDeny.ingress ?? (sections('ingress').length > 0 || sections('ingressDeny').length > 0),
      egress: defaultDeny.egress ?? (sections('egress').length > 0 || sections('egressDeny').length > 0),
    },
    allow: { ingress: compileAll('ingress', 'ingress'), egress: compileAll('egress', 'egress') },
    deny: { ingress: compileAll('ingressDeny', 'ingress'), egress: compileAll('egressDeny', 'egress') },
    dnsVisibility: sections('egress').flatMap((r) => (r.toPorts ?? []).flatMap((pr: any) => pr.rules?.dns ?? [])),
    notes,
  };
}

function compilePeerRule(rule: any, ref: string, direction: Direction, namespace: string | undefined, notes: string[]): CompiledRule {
  const present = PEER_FIELDS[direction].filter((f) => Array.isArray(rule[f]) && rule[f].length > 0);
  const toPorts: any[] = rule.toPorts ?? [];
  const matchers: ((endpoint: Endpoint) => boolean)[] = [];
  for (const field of present) {
    const items: any[] = rule[field];
    switch (field) {
      case 'fromEndpoints':
      case 'toEndpoints': {
        const selectors = items.map((s) => compileEndpointSelector(scopePeerSelector(s, namespace)));
        matchers.push((ep) => {
          const identity = endpointIdentity(ep);
          return selectors.some((s) => s(identity));
        });
        break;
      }
      case 'fromCIDR':
      case 'toCIDR':
        matchers.push(cidrMatcher(items.map((cidr: string) => ({ cidr }))));
        break;
      case 'fromCIDRSet':
      case 'toCIDRSet':
        if (items.some((i) => !i.cidr)) notes.push(`${ref}: CIDR groups (cidrGroupRef/cidrGroupSelector) are not resolved; they match nothing here`);
        matchers.push(cidrMatcher(items.filter((i) => i.cidr)));
        break;
      case 'fromEntities':
      case 'toEntities':
        matchers.push((ep) => items.some((entity: string) => entityMatches(entity, ep)));
        break;
      case 'toFQDNs':
        break;
      default:
        notes.push(`${ref}: ${field} is not evaluated; it matches nothing here`);
    }
  }
  // A rule with ports but no peer at all applies to every peer (an L4-only rule); `{}` matches nothing.
  const wildcard = present.length === 0 && toPorts.length > 0;
  const fqdns = present.includes('toFQDNs') ? rule.toFQDNs : undefined;
  return {
    ref,
    matchesPeer: (endpoint) => wildcard || matchers.some((m) => m(endpoint)),
    matchesPort: (port, protocol, destination) => toPorts.length === 0 || toPorts.some((pr) => portRuleMatches(pr, port, protocol, destination)),
    fqdnSelectors: fqdns,
  };
}

function cidrMatcher(items: { cidr: string; except?: string[] }[]): (endpoint: Endpoint) => boolean {
  const blocks = items.map((i) => ({ cidr: parseCidr(i.cidr), except: (i.except ?? []).map((e) => parseCidr(e)) }));
  return (endpoint) => {
    // CIDR rules select only what is outside the cluster: never pods, nodes or the API server.
    if (endpoint.kind !== 'external' || !endpoint.ip) return false;
    const ip = endpoint.ip;
    return blocks.some((b) => b.cidr !== undefined && cidrContainsIp(b.cidr, ip) && !b.except.some((e) => e !== undefined && cidrContainsIp(e, ip)));
  };
}

function entityMatches(entity: string, endpoint: Endpoint): boolean {
  switch (entity) {
    case 'all': return true;
    case 'world':
    case 'world-ipv4':
    case 'world-ipv6': return endpoint.kind === 'external';
    case 'cluster':
    case 'cluster-mesh': return endpoint.kind !== 'external';
    case 'none': return false;
    default: return endpoint.kind === 'reserved' && endpoint.entity === entity;
  }
}

/** Go's strconv.ParseUint(port, 0, 16), as the agent parses numeric ports ("010" is 8). */
function parsePortNumber(text: string): number | undefined {
  if (/^0[0-7]+$/.test(text)) return parseInt(text, 8);
  if (/^(0|[1-9][0-9]*)$/.test(text)) return Number(text);
  return undefined;
}

function portRuleMatches(portRule: any, port: number, protocol: TransportProtocol, destination: Endpoint): boolean {
  const ports: any[] = portRule.ports ?? [];
  if (ports.length === 0) return true;
  return ports.some((p) => {
    const ruleProtocol = String(p.protocol ?? 'ANY').toUpperCase();
    if (ruleProtocol !== 'ANY' && ruleProtocol !== protocol) return false;
    const text = p.port === undefined || p.port === null ? '' : String(p.port);
    if (text === '' || text === '0') return true;
    const number = parsePortNumber(text);
    if (number === undefined) return namedPortMatches(destination, text, ruleProtocol as TransportProtocol | 'ANY', port, true);
    const end = typeof p.endPort === 'number' && p.endPort > number ? p.endPort : number;
    return port >= number && port <= end;
  });
}
