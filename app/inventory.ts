import { NamespaceInfo, PodInfo, ReportInventory, TransportProtocol } from '../lib';
import { Environment } from './environments';

function pod(namespace: string, name: string, labels: { [key: string]: string }, ports: [number, string, TransportProtocol?][] = []): PodInfo {
  return { namespace, name, labels, ports: ports.map(([port, portName, protocol]) => ({ port, name: portName, protocol: protocol ?? 'TCP' })) };
}

const BERT = { 'training.kubeflow.org/job-name': 'bert', 'training.kubeflow.org/operator-name': 'pytorchjob-controller' };
const RAY = { 'ray.io/cluster': 'rc' };

const PODS: PodInfo[] = [
  pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [[53, 'dns', 'UDP'], [53, 'dns-tcp']]),
  pod('monitoring', 'prometheus', { 'app.kubernetes.io/name': 'prometheus' }),
  pod('gw', 'gateway-web', { 'gateway.networking.k8s.io/gateway-name': 'web' }),
  pod('istio-system', 'istio-ingressgateway', { istio: 'ingressgateway' }),
  pod('knative-serving', 'activator', { app: 'activator' }),
  pod('knative-serving', 'autoscaler', { app: 'autoscaler' }),
  pod('data', 'postgres', { app: 'postgres' }, [[5432, 'postgres']]),
  pod('data', 'redis', { app: 'redis' }, [[6379, 'redis']]),
  pod('team-b', 'client', { app: 'client' }),
  // Example 1
  pod('ml-training', 'trainee', { role: 'ml-trainee' }, [[6006, 'tensorboard']]),
  pod('ml-training', 'server', { role: 'ml-server' }),
  // Example 2
  pod('ai-namespace', 'ai-workload', { app: 'ai-workload' }),
  pod('ai-namespace', 'vector-db', { app: 'vector-db' }, [[6333, 'http']]),
  // Example 3
  pod('ml', 'master-0', { role: 'master' }, [[2222, 'tfjob-port']]),
  pod('ml', 'worker-0', { role: 'worker' }),
  pod('ml', 'ps-0', { role: 'ps' }),
  // Example 4
  pod('ai-inference', 'ai-inference', { app: 'ai-inference' }, [[80, 'http']]),
  pod('ai-inference', 'frontend', { role: 'frontend' }),
  pod('ai-inference', 'database', { role: 'database' }, [[5432, 'postgres']]),
  // S1
  pod('ml-bert', 'bert-master-0', { ...BERT, 'training.kubeflow.org/replica-type': 'master' }, [[23456, 'pytorchjob-port']]),
  pod('ml-bert', 'bert-worker-0', { ...BERT, 'training.kubeflow.org/replica-type': 'worker' }),
  pod('ml-bert', 'tensorboard', { app: 'tensorboard' }, [[6006, 'http']]),
  pod('ml-bert', 'jupyter', { app: 'jupyter' }, [[8888, 'http']]),
  // S4
  pod('serving', 'llama-predictor', { 'serving.kserve.io/inferenceservice': 'llama', component: 'predictor' },
    [[8012, 'queue-port'], [8013, 'http2'], [9090, 'queue-metrics'], [9091, 'http-usermetric'], [8080, 'user-port']]),
  // S7
  pod('ml-ray', 'rc-head', { ...RAY, 'ray.io/node-type': 'head' }, [[6379, 'gcs'], [8265, 'dashboard'], [10001, 'client'], [8080, 'metrics']]),
  pod('ml-ray', 'rc-worker', { ...RAY, 'ray.io/node-type': 'worker', 'ray.io/group': 'gpu', 'ray.io/serve': 'true' }, [[8000, 'serve'], [8080, 'metrics']]),
  pod('ml-ray', 'job1-submitter', { 'ray.io/originated-from-crd': 'RayJob', 'ray.io/originated-from-cr-name': 'job1' }),
  pod('ml-ray', 'jupyter', { app: 'jupyter' }, [[8888, 'http']]),
];

/** An address inside example 2's outside range. */
export function aiWorkloadProbe(env: Environment): string {
  return env.aiWorkloadExternal.cidr.replace(/\.0\/\d+$/, '.10');
}

/**
 * The workloads the reference platform expects in every environment, with the labels their operators set.
 * The connectivity report (dist/<env>/connectivity.md) evaluates the synthesized policies against it.
 */
export function inventoryFor(env: Environment): ReportInventory {
  const namespaces: NamespaceInfo[] = [...new Set(PODS.map((p) => p.namespace))].sort().map((name) => ({ name }));
  return {
    namespaces,
    pods: PODS,
    externals: ['s3.us-east-1.amazonaws.com', 'huggingface.co', 'pypi.org', aiWorkloadProbe(env), '1.1.1.1', '169.254.169.254', 'kube-apiserver'],
    options: {
      dnsAddresses: { 's3.us-east-1.amazonaws.com': '52.216.10.5', 'huggingface.co': '18.154.227.87', 'pypi.org': '151.101.0.223' },
      kubeApiServerIps: env.apiServerEndpoints.map((cidr) => cidr.split('/')[0]),
    },
  };
}
