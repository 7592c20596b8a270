import { IpAddress, parseIp } from '../common/cidr';

export type TransportProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface NamespaceInfo {
  readonly name: string;
  /** Namespace labels; `kubernetes.io/metadata.name` is added when missing, as the API server does. */
  readonly labels?: { readonly [key: string]: string };
}

export interface ContainerPortInfo {
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: TransportProtocol;
  readonly name?: string;
}

export interface PodInfo {
  readonly namespace: string;
  readonly name: string;
  readonly labels?: { readonly [key: string]: string };
  readonly ip?: string;
  readonly ports?: readonly ContainerPortInfo[];
  /** Cilium `io.cilium.k8s.policy.serviceaccount`. @default 'default' */
  readonly serviceAccount?: string;
  /** Shares the node's network: upstream leaves policy for such pods undefined. @default false */
  readonly hostNetwork?: boolean;
}

/** A pod as the analyzer sees it. */
export interface Pod {
  readonly index: number;
  readonly ref: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: { readonly [key: string]: string };
  readonly namespaceLabels: { readonly [key: string]: string };
  readonly ip?: IpAddress;
  readonly ports: readonly { readonly port: number; readonly protocol: TransportProtocol; readonly name?: string }[];
  readonly serviceAccount: string;
  readonly hostNetwork: boolean;
}

/** One end of a connection. */
export type Endpoint =
  | { readonly kind: 'pod'; readonly pod: Pod }
  /** Outside the cluster: an address, a DNS name, or both. */
  | { readonly kind: 'external'; readonly ip?: IpAddress; readonly dnsName?: string; readonly ref: string }
  /** A node or cluster component Cilium gives a reserved identity (host, remote-node, kube-apiserver, ingress, …). */
  | { readonly kind: 'reserved'; readonly entity: string; readonly ip?: IpAddress; readonly ref: string };

/** Cilium reserved identities an endpoint reference can name as `entity:<name>`. */
export const RESERVED_ENTITIES = ['host', 'remote-node', 'kube-apiserver', 'ingress', 'health', 'init', 'unmanaged'];

export function buildPods(namespaces: readonly NamespaceInfo[], pods: readonly PodInfo[]): Pod[] {
  const nsLabels = new Map(namespaces.map((ns) => [ns.name, { 'kubernetes.io/metadata.name': ns.name, ...ns.labels }]));
  return pods.map((pod, index) => {
    const ip = pod.ip === undefined ? undefined : parseIp(pod.ip);
    if (pod.ip !== undefined && !ip) throw new Error(`pod ${pod.namespace}/${pod.name}: ip ${JSON.stringify(pod.ip)} is not an IP address`);
    return {
      index,
      ref: `${pod.namespace}/${pod.name}`,
      namespace: pod.namespace,
      name: pod.name,
      labels: { ...pod.labels },
      namespaceLabels: nsLabels.get(pod.namespace) ?? { 'kubernetes.io/metadata.name': pod.namespace },
      ip,
      ports: (pod.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP', name: p.name })),
      serviceAccount: pod.serviceAccount ?? 'default',
      hostNetwork: pod.hostNetwork ?? false,
    };
  });
}
