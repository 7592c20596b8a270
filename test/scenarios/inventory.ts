import { NamespaceInfo, PodInfo, TransportProtocol } from '../../lib';

/** Cluster pieces every scenario has: DNS, monitoring, a gateway, another team, the API server. */
export const PLATFORM_NAMESPACES: NamespaceInfo[] = ['kube-system', 'monitoring', 'gw', 'team-b', 'istio-system', 'knative-serving', 'ingress-nginx', 'data', 'finance']
  .map((name) => ({ name }));

let nextIp = 1;
export function pod(namespace: string, name: string, labels: { [key: string]: string }, ports: [number, string?, TransportProtocol?][] = []): PodInfo {
  const n = nextIp++;
  return { namespace, name, labels, ip: `10.244.${n >> 8}.${n & 255}`, ports: ports.map(([port, portName, protocol]) => ({ port, name: portName, protocol: protocol ?? 'TCP' })) };
}

export const PLATFORM_PODS: PodInfo[] = [
  pod('kube-system', 'coredns-0', { 'k8s-app': 'kube-dns' }, [[53, 'dns', 'UDP'], [53, 'dns-tcp', 'TCP']]),
  pod('monitoring', 'prometheus-0', { 'app.kubernetes.io/name': 'prometheus' }),
  pod('gw', 'gateway-web-0', { 'gateway.networking.k8s.io/gateway-name': 'web' }),
  pod('team-b', 'client', { app: 'client' }),
  pod('istio-system', 'istio-ingressgateway-0', { istio: 'ingressgateway' }),
  pod('knative-serving', 'activator-0', { app: 'activator' }),
  pod('knative-serving', 'autoscaler-0', { app: 'autoscaler' }),
  pod('ingress-nginx', 'controller-0', { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }),
  pod('data', 'postgres-0', { app: 'postgres' }, [[5432]]),
  pod('data', 'redis-0', { app: 'redis' }, [[6379]]),
  pod('finance', 'postgres-0', { app: 'postgres' }, [[5432]]),
];

/** Addresses the analyzer gives DNS names and the API server (the test CIDRs of the kubernetes flavor). */
export const ADDRESSES = {
  dnsAddresses: {
    's3.us-east-1.amazonaws.com': '52.216.10.5',
    'models.s3.us-east-1.amazonaws.com': '52.217.3.9',
    'pypi.org': '151.101.0.223',
    'huggingface.co': '18.154.227.87',
  },
  kubeApiServerIps: ['172.18.0.2'],
};
