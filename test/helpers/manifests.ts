import { Chart, Testing } from 'cdk8s';

export function newChart(): Chart {
  return Testing.chart();
}

export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** The single manifest a chart holds. */
export function only(chart: Chart): any {
  const manifests = synth(chart);
  expect(manifests).toHaveLength(1);
  return manifests[0];
}

export const CILIUM_INGRESS_PEER_KINDS = ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups'];
export const CILIUM_EGRESS_PEER_KINDS = ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toGroups', 'toNodes', 'toFQDNs'];

/** The peer kinds each Cilium rule uses; the agent rejects a rule with more than one. */
export function ciliumPeerKinds(spec: any): string[][] {
  const rules = [...(spec.ingress ?? []), ...(spec.ingressDeny ?? []), ...(spec.egress ?? []), ...(spec.egressDeny ?? [])];
  return rules.map((rule: any) => Object.keys(rule).filter((k) => [...CILIUM_INGRESS_PEER_KINDS, ...CILIUM_EGRESS_PEER_KINDS].includes(k)));
}

/** Every `ports[]` entry of a NetworkPolicy or CiliumNetworkPolicy. */
export function allPorts(manifest: any): any[] {
  const spec = manifest.spec;
  const rules = [...(spec.ingress ?? []), ...(spec.egress ?? []), ...(spec.ingressDeny ?? []), ...(spec.egressDeny ?? [])];
  return rules.flatMap((r: any) => [...(r.ports ?? []), ...(r.toPorts ?? []).flatMap((tp: any) => tp.ports ?? [])]);
}
