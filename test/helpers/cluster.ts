import { ConnectivityAnalyzer, AnalyzerOptions, NamespaceInfo, PodInfo } from '../../lib';

/** A small cluster: namespaces x, y, z with pods a, b, c each (labels pod=<name>), as in the upstream e2e tables. */
export const NAMESPACES: NamespaceInfo[] = [
  { name: 'x', labels: { ns: 'x', team: 'red' } },
  { name: 'y', labels: { ns: 'y', team: 'blue' } },
  { name: 'z', labels: { ns: 'z' } },
];

export const PODS: PodInfo[] = ['x', 'y', 'z'].flatMap((ns, n) => ['a', 'b', 'c'].map((name, i) => ({
  namespace: ns,
  name,
  labels: { pod: name },
  ip: `10.0.${n}.${i + 1}`,
  ports: [
    { port: 80, protocol: 'TCP' as const, name: 'serve-80-tcp' },
    { port: 81, protocol: 'TCP' as const, name: 'serve-81-tcp' },
    { port: 80, protocol: 'UDP' as const, name: 'serve-80-udp' },
    { port: 80, protocol: 'SCTP' as const, name: 'serve-80-sctp' },
  ],
})));

export function analyzer(manifests: object[], options?: AnalyzerOptions, pods: PodInfo[] = PODS): ConnectivityAnalyzer {
  return new ConnectivityAnalyzer({ namespaces: NAMESPACES, pods, manifests, options });
}

export function netpol(namespace: string, name: string, spec: object): object {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec };
}

export function cnp(namespace: string, name: string, spec: object): object {
  return { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { namespace, name }, spec };
}

export function ccnp(name: string, spec: object): object {
  return { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec };
}
