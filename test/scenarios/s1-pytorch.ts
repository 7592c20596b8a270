import { ExpectedFlow } from '../../lib';
import { pod } from './inventory';

const JOB = { 'training.kubeflow.org/job-name': 'bert', 'training.kubeflow.org/operator-name': 'pytorchjob-controller' };
const worker = (i: number) => pod('ml', `bert-worker-${i}`, { ...JOB, 'training.kubeflow.org/replica-type': 'worker', 'training.kubeflow.org/replica-index': String(i) });

/** S1 (ml-networking.md): PyTorchJob bert in ml, TensorBoard companion, S3 checkpoints. */
export const S1 = {
  namespace: 'ml',
  pods: [
    pod('ml', 'bert-master-0', { ...JOB, 'training.kubeflow.org/replica-type': 'master', 'training.kubeflow.org/replica-index': '0', 'training.kubeflow.org/job-role': 'master' }, [[23456, 'pytorchjob-port']]),
    ...[0, 1, 2, 3].map(worker),
    pod('ml', 'gpt-worker-0', { 'training.kubeflow.org/job-name': 'gpt', 'training.kubeflow.org/operator-name': 'pytorchjob-controller', 'training.kubeflow.org/replica-type': 'worker' }),
    pod('ml', 'bert-tf-worker-0', { 'training.kubeflow.org/job-name': 'bert', 'training.kubeflow.org/operator-name': 'tfjob-controller', 'training.kubeflow.org/replica-type': 'worker' }),
    pod('ml', 'tensorboard-0', { app: 'tensorboard' }, [[6006, 'http']]),
    pod('ml', 'jupyter-0', { app: 'jupyter' }),
  ],
  flows: [
    ...[0, 1, 2, 3].map((i): ExpectedFlow => ({ from: `ml/bert-worker-${i}`, to: 'ml/bert-master-0', port: 23456, expect: 'allow', because: 'MASTER_PORT' })),
    { from: 'ml/bert-worker-2', to: 'ml/bert-worker-0', port: 41234, expect: 'allow', because: 'NCCL ephemeral port' },
    { from: 'ml/bert-master-0', to: 'ml/bert-worker-3', port: 50000, expect: 'allow', because: 'NCCL ephemeral port' },
    ...['bert-master-0', 'bert-worker-0', 'bert-worker-3', 'tensorboard-0'].flatMap((p): ExpectedFlow[] => [
      { from: `ml/${p}`, to: 'kube-system/coredns-0', port: 53, protocol: 'UDP', expect: 'allow', because: 'DNS, init-pytorch nslookup included' },
      { from: `ml/${p}`, to: 'kube-system/coredns-0', port: 53, protocol: 'TCP', expect: 'allow', because: 'DNS over TCP' },
      { from: `ml/${p}`, to: 's3.us-east-1.amazonaws.com', port: 443, expect: 'allow', because: 'S3 checkpoints' },
    ]),
    { from: 'ml/bert-worker-1', to: 'models.s3.us-east-1.amazonaws.com', port: 443, expect: 'allow', because: 'virtual-hosted S3 bucket' },
    { from: 'gw/gateway-web-0', to: 'ml/tensorboard-0', port: 6006, expect: 'allow', because: 'the gateway serves TensorBoard' },
    { from: 'ml/gpt-worker-0', to: 'ml/bert-master-0', port: 23456, expect: 'deny', because: 'another PyTorchJob' },
    { from: 'team-b/client', to: 'ml/bert-worker-0', port: 41234, expect: 'deny', because: 'another namespace' },
    { from: 'ml/bert-tf-worker-0', to: 'ml/bert-master-0', port: 23456, expect: 'deny', because: 'a TFJob with the same job-name' },
    { from: 'ml/tensorboard-0', to: 'ml/bert-master-0', port: 23456, expect: 'deny', because: 'the companion is not part of the job' },
    { from: 'gw/gateway-web-0', to: 'ml/bert-master-0', port: 23456, expect: 'deny', because: 'the gateway reaches TensorBoard only' },
    { from: 'gw/gateway-web-0', to: 'ml/tensorboard-0', port: 8080, expect: 'deny', because: 'TensorBoard port only' },
    { from: 'ml/bert-worker-0', to: 'pypi.org', port: 443, expect: 'deny', because: 'not declared' },
    { from: 'ml/bert-worker-0', to: '1.1.1.1', port: 443, expect: 'deny', because: 'not declared' },
    { from: 'ml/bert-worker-0', to: '169.254.169.254', port: 80, expect: 'deny', because: 'cloud metadata' },
    { from: 'ml/bert-worker-0', to: 'kube-apiserver', port: 443, expect: 'deny', because: 'not granted' },
    { from: 'ml/bert-worker-0', to: 's3.us-east-1.amazonaws.com', port: 80, expect: 'deny', because: 'S3 on 443 only' },
    { from: 'ml/jupyter-0', to: '1.1.1.1', port: 443, expect: 'allow', because: 'unaffected: nothing selects jupyter' },
  ] as ExpectedFlow[],
  /** With `dns: ClusterDns.disabled()` the opt-out really removes DNS. */
  flowsWithoutDns: [
    { from: 'ml/bert-worker-0', to: 'kube-system/coredns-0', port: 53, protocol: 'UDP', expect: 'deny', because: 'dns disabled' },
    { from: 'ml/bert-worker-0', to: 'ml/bert-master-0', port: 23456, expect: 'allow', because: 'the job still works inside' },
  ] as ExpectedFlow[],
};
