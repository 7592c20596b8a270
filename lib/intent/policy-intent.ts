import { Problems } from '../errors';
import { parseCidr } from '../common/cidr';
import { isDnsLabel, isDnsSubdomain } from '../common/syntax';
import { isMetadataEndpoint, metadataExceptionsFor } from './cloud-metadata';
import { ClusterDns } from './cluster-dns';
import { Direction, PolicyFlavor } from './flavor';
import { LabelSelector } from './label-selector';
import { Peer } from './peer';
import { Port } from './port';
import { EgressRule, IngressRule } from './rules';

/** One allow rule in flavor-neutral form. */
export interface IntentRule {
  readonly peers: readonly Peer[];
  /** Empty: every port of every protocol. */
  readonly ports: readonly Port[];
  /** Cilium: pass the traffic through the DNS proxy (DNS servers only). */
  readonly dnsVisibility: boolean;
}

/** What one policy object must say, after defaults; the renderers turn it into a manifest. */
export interface PolicyIntent {
  readonly name: string;
  readonly namespace: string;
  readonly selector: LabelSelector;
  readonly isolateIngress: boolean;
  readonly isolateEgress: boolean;
  readonly ingress: readonly IntentRule[];
  readonly egress: readonly IntentRule[];
  readonly blockCloudMetadata: boolean;
  readonly description?: string;
}

/** The settings every rule is checked against. */
export interface IntentSettings {
  readonly name: string;
  readonly namespace: string;
  readonly selector: LabelSelector;
  readonly flavor: PolicyFlavor;
  readonly isolateIngress: boolean;
  readonly isolateEgress: boolean;
  readonly dns: ClusterDns;
  readonly blockCloudMetadata: boolean;
  readonly description?: string;
}

export function checkSettings(settings: IntentSettings, problems: Problems): void {
  if (!isDnsSubdomain(settings.name)) {
    problems.add('name', settings.name, 'metadata.name must be a DNS subdomain: lower case alphanumerics, - and ., at most 253 characters');
  }
  if (!isDnsLabel(settings.namespace)) {
    problems.add('namespace', settings.namespace, 'a namespace must be a DNS label: lower case alphanumerics and -, at most 63 characters');
  }
  settings.selector._checkInto(problems, 'selector');
  settings.dns._checkInto(problems, 'dns');
  if (settings.flavor === PolicyFlavor.CILIUM && settings.isolateEgress && settings.dns.resolverCidrs.length > 0) {
    problems.add('dns.resolverCidrs', settings.dns.resolverCidrs, 'Cilium gives node-local addresses the host identity, which CIDR rules never match; with Cilium\'s Local Redirect Policy for NodeLocal DNSCache select its pods instead: ClusterDns.kubeDns({ podLabels: { \'k8s-app\': \'node-local-dns\' } })');
  }
}

export function checkRule(
  settings: IntentSettings,
  direction: Direction,
  rule: IngressRule | EgressRule,
  field: string,
  problems: Problems,
): void {
  const peers = direction === Direction.INGRESS ? (rule as IngressRule).from : (rule as EgressRule).to;
  const peersField = `${field}.${direction === Direction.INGRESS ? 'from' : 'to'}`;
  const isolated = direction === Direction.INGRESS ? settings.isolateIngress : settings.isolateEgress;
  if (!isolated && settings.flavor === PolicyFlavor.KUBERNETES) {
    problems.add(field, direction, `a NetworkPolicy rule always isolates its direction; keep defaultDeny.${direction} on, or use the cilium flavor (enableDefaultDeny: false)`);
  }
  if (!peers || peers.length === 0) {
    problems.add(peersField, peers, 'name at least one peer; an empty list would match everyone');
    return;
  }
  peers.forEach((peer, i) => peer._checkInto(problems, `${peersField}[${i}]`, settings.flavor, direction));
  const ports = rule.ports ?? [];
  ports.forEach((port, i) => port._checkInto(problems, `${field}.ports[${i}]`));

  if (direction === Direction.EGRESS) {
    const addressBased = peers.find((p) => p.requiresPorts);
    if (addressBased && (ports.length === 0 || ports.some((p) => p.isAllPorts))) {
      problems.add(`${field}.ports`, addressBased, 'egress to addresses (a CIDR, a DNS name, the world, API server endpoints) must name its ports, e.g. Port.tcp(443)');
    }
    if (peers.some((p) => p._spec.kind === 'dnsName') && !settings.dns.ciliumDnsVisibility) {
      problems.add(peersField, peers.find((p) => p._spec.kind === 'dnsName'), 'DNS names are learned from DNS answers seen by the Cilium DNS proxy; keep the cluster DNS enabled with ciliumDnsVisibility');
    }
    if (settings.blockCloudMetadata) {
      peers.forEach((peer, i) => {
        const spec = peer._spec;
        const cidr = spec.kind === 'cidr' ? parseCidr(spec.cidr) : undefined;
        if (cidr && isMetadataEndpoint(cidr)) {
          problems.add(`${peersField}[${i}]`, peer, 'the cloud metadata endpoint is blocked; set blockCloudMetadata: false to allow it explicitly');
        }
      });
    }
  }
}

export function buildIntent(
  settings: IntentSettings,
  ingress: readonly IngressRule[],
  egress: readonly EgressRule[],
): PolicyIntent {
  const toIntent = (peers: readonly Peer[], ports: readonly Port[] | undefined): IntentRule => ({
    peers: settings.blockCloudMetadata ? peers.map(withMetadataExcluded) : peers,
    ports: normalizePorts(ports ?? []),
    dnsVisibility: false,
  });
  const egressRules = egress.map((r) => toIntent(r.to, r.ports));
  if (settings.isolateEgress && settings.dns.enabled) {
    egressRules.push({ peers: settings.dns.peers(), ports: settings.dns.portList(), dnsVisibility: settings.dns.ciliumDnsVisibility });
  }
  return {
    name: settings.name,
    namespace: settings.namespace,
    selector: settings.selector,
    isolateIngress: settings.isolateIngress,
    isolateEgress: settings.isolateEgress,
    ingress: ingress.map((r) => toIntent(r.from, r.ports)),
    egress: egressRules,
    blockCloudMetadata: settings.blockCloudMetadata,
    description: settings.description,
  };
}

function withMetadataExcluded(peer: Peer): Peer {
  const spec = peer._spec;
  if (spec.kind !== 'cidr') return peer;
  const cidr = parseCidr(spec.cidr)!;
  const extra = metadataExceptionsFor(cidr, spec.except.map((e) => parseCidr(e)!));
  return extra.length === 0 ? peer : Peer.cidr(spec.cidr, [...spec.except, ...extra]);
}

/** `Port.all()` anywhere means every port; duplicates collapse. */
function normalizePorts(ports: readonly Port[]): Port[] {
  if (ports.some((p) => p.isAllPorts && p.protocol === undefined)) return [];
  const unique = new Map(ports.map((p) => [p.toString(), p]));
  return [...unique.values()];
}
