import { App, Chart } from 'cdk8s';
import { ENVIRONMENTS, Environment } from '../app/environments';
import {
  ApiServerAccess, ConnectivityAnalyzer, ExpectedFlow, ExternalService, MLTrainingPolicy, PodInfo, PolicyFlavor, TrainingJob, validateManifests,
} from '../lib';
import { ADDRESSES, PLATFORM_NAMESPACES, PLATFORM_PODS, pod } from './scenarios/inventory';

const HF_CIDRS = ['18.154.227.0/24'];
const S3_CIDRS = ['52.216.0.0/15'];

function analyze(chart: Chart, pods: PodInfo[]): ConnectivityAnalyzer {
  const manifests = chart.toJson();
  expect(validateManifests(manifests).filter((f) => f.severity === 'error')).toEqual([]);
  return new ConnectivityAnalyzer({ namespaces: [...PLATFORM_NAMESPACES, { name: 'ml' }], pods: [...PLATFORM_PODS, ...pods], manifests, options: ADDRESSES });
}

const forFlavor = (env: Environment, cidrs: string[]) => (env.flavor === PolicyFlavor.KUBERNETES ? { cidrs } : {});

describe.each(ENVIRONMENTS.map((e) => [e.flavor, e] as [string, Environment]))('more ML scenarios, %s flavor', (_flavor, env) => {
  test('Trainer v2 TrainJob: only the initializers reach the model hub and the dataset store', () => {
    // GIVEN a TrainJob whose initializers download the model and the dataset
    const chart = new Chart(new App(), 'ml');
    new MLTrainingPolicy(chart, 'Llama', {
      namespace: 'ml', flavor: env.flavor, job: TrainingJob.trainJob('llama'),
      roles: {
        'model-initializer': { externalServices: [ExternalService.huggingFace(forFlavor(env, HF_CIDRS))] },
        'dataset-initializer': { externalServices: [ExternalService.s3('us-east-1', forFlavor(env, S3_CIDRS))] },
      },
    });
    const jobset = (replicatedJob: string, i: number) => pod('ml', `llama-${replicatedJob}-0-${i}`, { 'jobset.sigs.k8s.io/jobset-name': 'llama', 'jobset.sigs.k8s.io/replicatedjob-name': replicatedJob, 'jobset.sigs.k8s.io/job-index': '0' });
    const pods = [jobset('node', 0), jobset('node', 1), jobset('model-initializer', 0), jobset('dataset-initializer', 0), pod('ml', 'other-trainjob-node-0-0', { 'jobset.sigs.k8s.io/jobset-name': 'other' })];
    // WHEN / THEN
    expect(analyze(chart, pods)).toMatchFlows([
      { from: 'ml/llama-node-0-1', to: 'ml/llama-node-0-0', port: 29500, expect: 'allow', because: 'PET_MASTER_PORT' },
      { from: 'ml/llama-node-0-0', to: 'ml/llama-node-0-1', port: 45000, expect: 'allow', because: 'NCCL' },
      { from: 'ml/llama-model-initializer-0-0', to: 'huggingface.co', port: 443, expect: 'allow', because: 'model download' },
      { from: 'ml/llama-dataset-initializer-0-0', to: 's3.us-east-1.amazonaws.com', port: 443, expect: 'allow', because: 'dataset download' },
      { from: 'ml/llama-node-0-0', to: 'huggingface.co', port: 443, expect: 'deny', because: 'only the initializers' },
      { from: 'ml/llama-model-initializer-0-0', to: 's3.us-east-1.amazonaws.com', port: 443, expect: 'deny', because: 'the dataset initializer only' },
      { from: 'ml/llama-node-0-0', to: 'kube-system/coredns-0', port: 53, protocol: 'UDP', expect: 'allow', because: 'DNS' },
      { from: 'ml/other-trainjob-node-0-0', to: 'ml/llama-node-0-0', port: 29500, expect: 'deny', because: 'another TrainJob' },
      { from: 'ml/llama-node-0-0', to: '169.254.169.254', port: 80, expect: 'deny', because: 'cloud metadata' },
    ] as ExpectedFlow[]);
  });

  test('mpi-operator MPIJob: launcher reaches workers over SSH and Open MPI ports; nothing else gets in', () => {
    const chart = new Chart(new App(), 'ml');
    new MLTrainingPolicy(chart, 'Hvd', { namespace: 'ml', flavor: env.flavor, job: TrainingJob.mpiJob('hvd') });
    const mpi = (role: string, i: number) => pod('ml', `hvd-${role}-${i}`, { 'training.kubeflow.org/job-name': 'hvd', 'training.kubeflow.org/operator-name': 'mpi-operator', 'training.kubeflow.org/job-role': role }, role === 'worker' ? [[2222, 'ssh']] : []);
    expect(analyze(chart, [mpi('launcher', 0), mpi('worker', 0), mpi('worker', 1)])).toMatchFlows([
      { from: 'ml/hvd-launcher-0', to: 'ml/hvd-worker-0', port: 2222, expect: 'allow', because: 'SSH' },
      { from: 'ml/hvd-worker-1', to: 'ml/hvd-worker-0', port: 33333, expect: 'allow', because: 'Open MPI TCP' },
      { from: 'team-b/client', to: 'ml/hvd-worker-0', port: 2222, expect: 'deny', because: 'another namespace' },
      { from: 'ml/hvd-launcher-0', to: 'kube-apiserver', port: 443, expect: 'deny', because: 'v2 launchers do not need the API server' },
    ] as ExpectedFlow[]);
  });

  test('training-operator MPIJob v1: the granted launcher reaches the API server, the workers do not', () => {
    const chart = new Chart(new App(), 'ml');
    new MLTrainingPolicy(chart, 'Hvd', {
      namespace: 'ml', flavor: env.flavor, job: TrainingJob.mpiJobV1('hvd'),
      apiServer: env.flavor === PolicyFlavor.KUBERNETES ? ApiServerAccess.endpoints(['172.18.0.2/32']) : undefined,
      roles: { launcher: { kubeApiServer: true } },
    });
    const mpi = (role: string) => pod('ml', `hvd-${role}-0`, { 'training.kubeflow.org/job-name': 'hvd', 'training.kubeflow.org/operator-name': 'mpijob-controller', 'training.kubeflow.org/replica-type': role });
    expect(analyze(chart, [mpi('launcher'), mpi('worker')])).toMatchFlows([
      { from: 'ml/hvd-launcher-0', to: 'kube-apiserver', port: 443, expect: 'allow', because: 'kubectl exec via kubexec.sh' },
      { from: 'ml/hvd-worker-0', to: 'kube-apiserver', port: 443, expect: 'deny', because: 'only the launcher' },
      { from: 'ml/hvd-launcher-0', to: 'ml/hvd-worker-0', port: 9999, expect: 'allow', because: 'MPI' },
    ] as ExpectedFlow[]);
  });
});
