import {
  CiliumNetworkPolicySpec,
  CiliumNetworkPolicySpecEgress,
  CiliumNetworkPolicySpecEgressToEntities,
  CiliumNetworkPolicySpecEgressToPortsPortsProtocol as EgressProtocol,
  CiliumNetworkPolicySpecIngress,
  CiliumNetworkPolicySpecIngressFromEntities,
  CiliumNetworkPolicySpecIngressToPortsPortsProtocol as IngressProtocol,
} from '../../imports/cilium.io';
import { CLOUD_METADATA_CIDRS } from '../intent/cloud-metadata';
import { LabelSelectorJson } from '../intent/label-selector';
import { Peer } from '../intent/peer';
import { IntentRule, PolicyIntent } from '../intent/policy-intent';
import { Port } from '../intent/port';
import { comparePorts, sortedUnique } from './ordering';

/** The agent rejects more ports than this in one `toPorts` entry. */
export const MAX_PORTS_PER_PORT_RULE = 40;

/** cilium.io/v2 CiliumNetworkPolicy spec; each rule holds one peer kind, as the agent requires. */
export function renderCiliumSpec(intent: PolicyIntent): CiliumNetworkPolicySpec {
  const ingress: CiliumNetworkPolicySpecIngress[] = sortedUnique(intent.ingress.flatMap(renderIngressRule));
  const egress: CiliumNetworkPolicySpecEgress[] = sortedUnique(intent.egress.flatMap(renderEgressRule));
  const reachesWorld = intent.egress.some((r) => r.peers.some((p) => p._spec.kind === 'entity' && p._spec.entity.isExternal));
  return {
    description: intent.description,
    endpointSelector: asCilium(intent.selector.toJson()),
    enableDefaultDeny: { ingress: intent.isolateIngress, egress: intent.isolateEgress },
    // An empty rule selects no peer: the idiomatic "deny all" of an isolated direction without rules.
    ingress: ingress.length > 0 ? ingress : intent.isolateIngress ? [{}] : undefined,
    egress: egress.length > 0 ? egress : intent.isolateEgress ? [{}] : undefined,
    egressDeny: intent.blockCloudMetadata && reachesWorld
      ? [{ toCidrSet: CLOUD_METADATA_CIDRS.map((cidr) => ({ cidr })) }]
      : undefined,
  };
}

/**
 * The generated selector types differ from each other only in their per-field operator enums, which TypeScript
 * treats as distinct although they hold the same strings ('In', 'NotIn', 'Exists', 'DoesNotExist').
 */
function asCilium<T>(selector: LabelSelectorJson): T {
  return selector as unknown as T;
}

interface PeerGroups {
  readonly endpoints: LabelSelectorJson[];
  readonly cidrSet: { cidr: string; except?: string[] }[];
  readonly fqdns: ({ matchName: string } | { matchPattern: string })[];
  readonly entities: string[];
}

function groupPeers(peers: readonly Peer[]): PeerGroups {
  const groups: PeerGroups = { endpoints: [], cidrSet: [], fqdns: [], entities: [] };
  for (const peer of peers) {
    const spec = peer._spec;
    switch (spec.kind) {
      case 'pods':
        groups.endpoints.push(endpointSelector(peer));
        break;
      case 'cidr':
        groups.cidrSet.push({ cidr: spec.cidr, ...(spec.except.length ? { except: [...spec.except].sort() } : {}) });
        break;
      case 'dnsName':
        groups.fqdns.push(spec.name.includes('*') ? { matchPattern: spec.name } : { matchName: spec.name });
        break;
      case 'entity':
        groups.entities.push(spec.entity.name);
        break;
      case 'apiServerEndpoints':
        throw new Error(`${peer} has no Cilium form; the intent checks reject it before rendering`);
    }
  }
  return {
    endpoints: sortedUnique(groups.endpoints),
    cidrSet: sortedUnique(groups.cidrSet),
    fqdns: sortedUnique(groups.fqdns),
    entities: sortedUnique(groups.entities),
  };
}

/** Pod labels plus the namespace part; without a namespace part Cilium scopes it to the policy's namespace. */
function endpointSelector(peer: Peer): LabelSelectorJson {
  const spec = peer._spec;
  if (spec.kind !== 'pods') throw new Error(`${peer} is not a pod peer`);
  const pods = spec.pods.toJson();
  const namespaces = spec.namespaces?.toCilium() ?? {};
  const matchLabels = { ...namespaces.matchLabels, ...pods.matchLabels };
  const matchExpressions = sortedUnique([...(namespaces.matchExpressions ?? []), ...(pods.matchExpressions ?? [])]);
  return {
    ...(Object.keys(matchLabels).length ? { matchLabels } : {}),
    ...(matchExpressions.length ? { matchExpressions } : {}),
  };
}

function portRules<P>(rule: IntentRule, protocols: Record<string, P>) {
  if (rule.ports.length === 0) return undefined;
  const ports = [...rule.ports].sort(comparePorts).map((p: Port) => ({
    port: p.port === undefined ? '0' : String(p.port),
    endPort: p.endPort,
    protocol: protocols[p.protocol ?? 'ANY'],
  }));
  const chunks = [];
  for (let i = 0; i < ports.length; i += MAX_PORTS_PER_PORT_RULE) {
    chunks.push({
      ports: ports.slice(i, i + MAX_PORTS_PER_PORT_RULE),
      ...(rule.dnsVisibility ? { rules: { dns: [{ matchPattern: '*' }] } } : {}),
    });
  }
  return chunks;
}

function renderEgressRule(rule: IntentRule): CiliumNetworkPolicySpecEgress[] {
  const groups = groupPeers(rule.peers);
  const toPorts = portRules(rule, EgressProtocol);
  const withPorts = (r: CiliumNetworkPolicySpecEgress) => (toPorts ? { ...r, toPorts } : r);
  return [
    ...(groups.endpoints.length ? [withPorts({ toEndpoints: groups.endpoints.map((e) => asCilium(e)) })] : []),
    ...(groups.cidrSet.length ? [withPorts({ toCidrSet: groups.cidrSet })] : []),
    ...(groups.fqdns.length ? [withPorts({ toFqdNs: groups.fqdns })] : []),
    ...(groups.entities.length
      ? [withPorts({ toEntities: groups.entities as CiliumNetworkPolicySpecEgressToEntities[] })]
      : []),
  ];
}

function renderIngressRule(rule: IntentRule): CiliumNetworkPolicySpecIngress[] {
  const groups = groupPeers(rule.peers);
  const toPorts = portRules(rule, IngressProtocol);
  const withPorts = (r: CiliumNetworkPolicySpecIngress) => (toPorts ? { ...r, toPorts } : r);
  return [
    ...(groups.endpoints.length ? [withPorts({ fromEndpoints: groups.endpoints.map((e) => asCilium(e)) })] : []),
    ...(groups.cidrSet.length ? [withPorts({ fromCidrSet: groups.cidrSet })] : []),
    ...(groups.entities.length
      ? [withPorts({ fromEntities: groups.entities as CiliumNetworkPolicySpecIngressFromEntities[] })]
      : []),
  ];
}
