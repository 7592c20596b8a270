import { cidrContainsIp, parseCidr } from '../common/cidr';
import { Endpoint, Pod, TransportProtocol } from './inventory';
import { matchesLabelSelector } from './label-match';
import { CompiledPolicy, CompiledRule, namedPortMatches } from './policy-model';

export interface KubernetesSemantics {
  /**
   * Whether an ipBlock selects pods whose IP is inside it. Conformance tests say yes; Cilium (and np-guard) say no.
   */
  readonly ipBlockMatchesPodIps: boolean;
  /**
   * Whether an ipBlock selects nodes and the API server by their IPs. Plain NetworkPolicy plugins do; Cilium gives them
   * reserved identities that CIDR rules never select (unless policy-cidr-match-mode=nodes).
   */
  readonly ipBlockMatchesNodeIps: boolean;
}

/** networking.k8s.io/v1 NetworkPolicy, exactly as the API server defaults and the conformance tests read it. */
export function compileNetworkPolicy(manifest: any, semantics: KubernetesSemantics): CompiledPolicy {
  const namespace: string = manifest.metadata?.namespace ?? 'default';
  const ref = `NetworkPolicy ${namespace}/${manifest.metadata?.name}`;
  const spec = manifest.spec ?? {};
  const ingressRules: any[] = spec.ingress ?? [];
  const egressRules: any[] = spec.egress ?? [];
  const types: string[] = spec.policyTypes?.length
    ? spec.policyTypes
    : ['Ingress', ...(egressRules.length > 0 ? ['Egress'] : [])];
  const isolatesIngress = types.includes('Ingress');
  const isolatesEgress = types.includes('Egress');

  const compileRule = (rule: any, i: number, direction: 'ingress' | 'egress'): CompiledRule => {
    const peers = (((direction === 'ingress' ? rule.from : rule.to) ?? []) as any[]).map((peer) => compilePeer(peer, namespace, semantics));
    const ports: any[] = rule.ports ?? [];
    return {
      ref: `${ref} spec.${direction}[${i}]`,
      matchesPeer: (endpoint) => peers.length === 0 || peers.some((matches) => matches(endpoint)),
      matchesPort: (port, protocol, destination) => ports.length === 0 || ports.some((p) => portMatches(p, port, protocol, destination)),
    };
  };

  return {
    ref,
    flavor: 'kubernetes',
    selects: (pod: Pod) => pod.namespace === namespace && matchesLabelSelector(spec.podSelector ?? {}, pod.labels),
    isolates: { ingress: isolatesIngress, egress: isolatesEgress },
    allow: {
      ingress: isolatesIngress ? ingressRules.map((r, i) => compileRule(r, i, 'ingress')) : [],
      egress: isolatesEgress ? egressRules.map((r, i) => compileRule(r, i, 'egress')) : [],
    },
    deny: { ingress: [], egress: [] },
    dnsVisibility: [],
    notes: [],
  };
}

/** One NetworkPolicyPeer as a predicate; CIDRs are parsed once. */
function compilePeer(peer: any, policyNamespace: string, semantics: KubernetesSemantics): (endpoint: Endpoint) => boolean {
  if (peer.ipBlock) {
    const cidr = parseCidr(peer.ipBlock.cidr);
    const excepts = ((peer.ipBlock.except ?? []) as string[]).map((e) => parseCidr(e)).filter((e) => e !== undefined);
    return (endpoint) => {
      const ip = endpoint.kind === 'pod' ? (semantics.ipBlockMatchesPodIps ? endpoint.pod.ip : undefined)
        : endpoint.kind === 'reserved' ? (semantics.ipBlockMatchesNodeIps ? endpoint.ip : undefined)
          : endpoint.ip;
      return ip !== undefined && cidr !== undefined && cidrContainsIp(cidr, ip) && !excepts.some((e) => cidrContainsIp(e!, ip));
    };
  }
  if (peer.namespaceSelector === undefined && peer.podSelector === undefined) return () => false;
  return (endpoint) => {
    if (endpoint.kind !== 'pod') return false;
    const pod = endpoint.pod;
    const namespaceOk = peer.namespaceSelector === undefined
      ? pod.namespace === policyNamespace
      : matchesLabelSelector(peer.namespaceSelector, pod.namespaceLabels);
    return namespaceOk && (peer.podSelector === undefined || matchesLabelSelector(peer.podSelector, pod.labels));
  };
}

function portMatches(rulePort: any, port: number, protocol: TransportProtocol, destination: Endpoint): boolean {
  const ruleProtocol = rulePort.protocol ?? 'TCP';
  if (ruleProtocol !== protocol) return false;
  if (rulePort.port === undefined || rulePort.port === null) return true;
  if (typeof rulePort.port === 'string') return namedPortMatches(destination, rulePort.port, protocol, port);
  const end = rulePort.endPort ?? rulePort.port;
  return port >= rulePort.port && port <= end;
}
