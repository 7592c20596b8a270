import { k8s } from 'cdk8s-plus-28';
import { PolicyIntent, IntentRule } from '../intent/policy-intent';
import { Peer } from '../intent/peer';
import { Port } from '../intent/port';
import { comparePorts, sortedUnique } from './ordering';

/** networking.k8s.io/v1 NetworkPolicy spec for an intent; every default is written out. */
export function renderKubernetesSpec(intent: PolicyIntent): k8s.NetworkPolicySpec {
  const policyTypes = [
    ...(intent.isolateIngress ? ['Ingress'] : []),
    ...(intent.isolateEgress ? ['Egress'] : []),
  ];
  const ingress = sortedUnique(intent.ingress.map((r) => ({ from: renderPeers(r), ports: renderPorts(r) })));
  const egress = sortedUnique(intent.egress.map((r) => ({ to: renderPeers(r), ports: renderPorts(r) })));
  return {
    podSelector: intent.selector.toJson(),
    policyTypes,
    ingress: ingress.length > 0 ? ingress : undefined,
    egress: egress.length > 0 ? egress : undefined,
  };
}

function renderPeers(rule: IntentRule): k8s.NetworkPolicyPeer[] {
  return sortedUnique(rule.peers.flatMap(renderPeer));
}

function renderPeer(peer: Peer): k8s.NetworkPolicyPeer[] {
  const spec = peer._spec;
  switch (spec.kind) {
    case 'pods':
      if (!spec.namespaces) return [{ podSelector: spec.pods.toJson() }];
      return [{
        namespaceSelector: spec.namespaces.toKubernetes(),
        ...(spec.pods.isEmpty ? {} : { podSelector: spec.pods.toJson() }),
      }];
    case 'cidr':
      return [{ ipBlock: { cidr: spec.cidr, ...(spec.except.length ? { except: [...spec.except].sort() } : {}) } }];
    case 'apiServerEndpoints':
      return spec.cidrs.map((cidr) => ({ ipBlock: { cidr } }));
    case 'dnsName':
    case 'entity':
      throw new Error(`${peer} has no NetworkPolicy form; the intent checks reject it before rendering`);
  }
}

function renderPorts(rule: IntentRule): k8s.NetworkPolicyPort[] | undefined {
  if (rule.ports.length === 0) return undefined;
  return [...rule.ports].sort(comparePorts).map(renderPort);
}

function renderPort(port: Port): k8s.NetworkPolicyPort {
  return {
    protocol: port.protocol,
    port: port.port === undefined ? undefined
      : typeof port.port === 'number' ? k8s.IntOrString.fromNumber(port.port) : k8s.IntOrString.fromString(port.port),
    endPort: port.endPort,
  };
}
