import {
  ApiServerAccess, ExternalService, IngressSource, LabelSelector, MLTrainingPolicy, MLTrainingPolicyProps, NamespaceSelector, Peer, PolicyFlavor, PolicyInputError,
  Port, TrainingJob,
} from '../lib';
import { newChart, synth } from './helpers/manifests';

function training(props: Partial<MLTrainingPolicyProps>): any[] {
  const chart = newChart();
  new MLTrainingPolicy(chart, 'Training', { namespace: 'ml', job: TrainingJob.pyTorchJob('bert'), ...props });
  return synth(chart);
}

const named = (manifests: any[], name: string) => manifests.find((m) => m.metadata.name === name);

describe('MLTrainingPolicy', () => {
  test.each([PolicyFlavor.KUBERNETES, PolicyFlavor.CILIUM])('%s: job, role and companion policies', (flavor) => {
    // GIVEN / WHEN
    const manifests = training({
      flavor,
      job: TrainingJob.trainJob('llama'),
      apiServer: flavor === PolicyFlavor.KUBERNETES ? ApiServerAccess.endpoints(['172.18.0.2/32']) : undefined,
      roles: {
        'model-initializer': { externalServices: [ExternalService.huggingFace({ cidrs: ['18.154.227.0/24'] })] },
        'node': { kubeApiServer: true },
      },
      companions: [{ name: 'mlflow', selector: LabelSelector.labels({ app: 'mlflow' }), ports: [Port.tcp(5000)], ingressFrom: [IngressSource.gatewayApi('web', 'gw')] }],
      trainerStatusServer: true,
    });
    // THEN
    expect(manifests).toMatchSnapshot();
    expect(manifests.map((m) => m.metadata.name)).toEqual(['llama-trainjob', 'llama-trainjob-model-initializer', 'llama-trainjob-node', 'llama-trainjob-mlflow']);
    const init = named(manifests, 'llama-trainjob-model-initializer');
    const selector = flavor === PolicyFlavor.CILIUM ? init.spec.endpointSelector : init.spec.podSelector;
    expect(selector).toEqual({ matchLabels: { 'jobset.sigs.k8s.io/jobset-name': 'llama', 'jobset.sigs.k8s.io/replicatedjob-name': 'model-initializer' } });
    const text = JSON.stringify(init.spec.egress);
    expect(text).toContain(flavor === PolicyFlavor.CILIUM ? '*.xethub.hf.co' : '18.154.227.0/24');
    expect(JSON.stringify(named(manifests, 'llama-trainjob').spec.egress)).toContain('10443');
    expect(JSON.stringify(named(manifests, 'llama-trainjob-node').spec.egress)).toContain(flavor === PolicyFlavor.CILIUM ? 'kube-apiserver' : '172.18.0.2/32');
  });

  test.each([
    [TrainingJob.pyTorchJob('j'), { 'training.kubeflow.org/job-name': 'j', 'training.kubeflow.org/operator-name': 'pytorchjob-controller' }, 'Master', { 'training.kubeflow.org/replica-type': 'master' }],
    [TrainingJob.tfJob('j'), { 'training.kubeflow.org/job-name': 'j', 'training.kubeflow.org/operator-name': 'tfjob-controller' }, 'PS', { 'training.kubeflow.org/replica-type': 'ps' }],
    [TrainingJob.xgboostJob('j'), { 'training.kubeflow.org/job-name': 'j', 'training.kubeflow.org/operator-name': 'xgboostjob-controller' }, 'worker', { 'training.kubeflow.org/replica-type': 'worker' }],
    [TrainingJob.paddleJob('j'), { 'training.kubeflow.org/job-name': 'j', 'training.kubeflow.org/operator-name': 'paddlejob-controller' }, 'master', { 'training.kubeflow.org/replica-type': 'master' }],
    [TrainingJob.jaxJob('j'), { 'training.kubeflow.org/job-name': 'j', 'training.kubeflow.org/operator-name': 'jaxjob-controller' }, 'worker', { 'training.kubeflow.org/replica-type': 'worker' }],
    [TrainingJob.mpiJobV1('j'), { 'training.kubeflow.org/job-name': 'j', 'training.kubeflow.org/operator-name': 'mpijob-controller' }, 'launcher', { 'training.kubeflow.org/replica-type': 'launcher' }],
    [TrainingJob.mpiJob('j'), { 'training.kubeflow.org/job-name': 'j', 'training.kubeflow.org/operator-name': 'mpi-operator' }, 'launcher', { 'training.kubeflow.org/job-role': 'launcher' }],
    [TrainingJob.trainJob('j'), { 'jobset.sigs.k8s.io/jobset-name': 'j' }, 'node', { 'jobset.sigs.k8s.io/replicatedjob-name': 'node' }],
    [TrainingJob.jobSet('j'), { 'jobset.sigs.k8s.io/jobset-name': 'j' }, 'workers', { 'jobset.sigs.k8s.io/replicatedjob-name': 'workers' }],
    [TrainingJob.rayCluster('j'), { 'ray.io/cluster': 'j' }, 'head', { 'ray.io/node-type': 'head' }],
    [TrainingJob.rayCluster('j'), { 'ray.io/cluster': 'j' }, 'gpu-group', { 'ray.io/group': 'gpu-group' }],
    [TrainingJob.custom('j', LabelSelector.labels({ app: 'trainer' }), 'role'), { app: 'trainer' }, 'coordinator', { role: 'coordinator' }],
  ] as [TrainingJob, object, string, object][])('%s selects its pods and roles by the operator labels', (job, jobLabels, role, roleLabels) => {
    expect(job.selector.matchLabels).toEqual(jobLabels);
    expect(job.roleSelector(role).matchLabels).toEqual({ ...jobLabels, ...roleLabels });
  });

  test('intraJobPorts narrows traffic inside the job; metrics reach only the metrics port', () => {
    // GIVEN
    const [policy] = training({ job: TrainingJob.rayCluster('rc'), intraJobPorts: [Port.tcpRange(10002, 19999), Port.tcp(6379)] });
    // THEN
    expect(policy.spec.ingress).toContainEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    });
    expect(policy.spec.ingress).toContainEqual({
      from: [{ podSelector: { matchLabels: { 'ray.io/cluster': 'rc' } } }],
      ports: [{ port: 6379, protocol: 'TCP' }, { port: 10002, endPort: 19999, protocol: 'TCP' }],
    });
  });

  test('the trainer controller peer can be given', () => {
    // GIVEN / WHEN
    const [policy] = training({ job: TrainingJob.trainJob('t'), trainerStatusServer: true, trainerController: Peer.pods({ labels: { control: 'trainer' }, namespaces: NamespaceSelector.named('trainer-system') }) });
    // THEN
    expect(policy.spec.egress).toContainEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'trainer-system' } }, podSelector: { matchLabels: { control: 'trainer' } } }],
      ports: [{ port: 10443, protocol: 'TCP' }],
    });
  });

  test('Argo CD annotations and name prefix', () => {
    // GIVEN
    const [policy] = training({ namePrefix: 'team-a-', argoCd: { syncWave: -1, skipDryRunOnMissingResource: true } });
    // THEN
    expect(policy.metadata.name).toEqual('team-a-bert-pytorchjob');
    expect(policy.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-1', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
  });

  test('MPIJob v1: a granted launcher gets the API server', () => {
    // GIVEN
    const manifests = training({ flavor: PolicyFlavor.CILIUM, job: TrainingJob.mpiJobV1('hvd'), roles: { launcher: { kubeApiServer: true } } });
    const launcher = named(manifests, 'hvd-mpijobv1-launcher');
    // THEN
    expect(launcher.spec.egress).toContainEqual({ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }, { port: '6443', protocol: 'TCP' }] }] });
  });

  describe('synth-time rules', () => {
    test.each([
      ['MPIJob v1 launcher without the API server', { job: TrainingJob.mpiJobV1('hvd') }, /^test\/Training: roles.launcher.kubeApiServer: the MPIJobV1 launcher runs kubectl exec through the API server; grant it with roles: \{ launcher: \{ kubeApiServer: true \} \} \(got nothing\)/],
      ['API server in the kubernetes flavor without endpoints', { job: TrainingJob.rayCluster('rc'), roles: { head: { kubeApiServer: true } } }, /roles.head.kubeApiServer: NetworkPolicy reaches the API server by its endpoint addresses; set apiServer: ApiServerAccess.endpoints/],
      ['endpoint addresses in the cilium flavor', { flavor: PolicyFlavor.CILIUM, apiServer: ApiServerAccess.endpoints(['10.0.0.1/32']), job: TrainingJob.rayCluster('rc'), roles: { head: { kubeApiServer: true } } }, /^test\/Training\/Role-head: egress\[0\].to\[0\]: Cilium ignores CIDR rules for node addresses; use Peer.kubeApiServer\(\)/],
      ['an external service without CIDRs in the kubernetes flavor', { externalServices: [ExternalService.s3('us-east-1')] }, /externalServices\[0\]: NetworkPolicy cannot match DNS names \(s3.us-east-1.amazonaws.com, \*.s3.us-east-1.amazonaws.com\); give the service's addresses as cidrs, or use the cilium flavor \(got ExternalService.s3\(us-east-1\)\)/],
      ['API server endpoints without ports', { job: TrainingJob.rayCluster('rc'), apiServer: ApiServerAccess.endpoints(['172.18.0.2/32'], []), roles: { head: { kubeApiServer: true } } }, /^test\/Training\/Role-head: egress\[0\].ports: egress to addresses.*must name its ports/],
      ['roles of a job without role label', { job: TrainingJob.custom('x', LabelSelector.labels({ app: 'x' })), roles: { a: { kubeApiServer: false } } }, /roles: TrainingJob.Custom\(x\) has no role label/],
      ['a companion nobody may reach', { companions: [{ name: 'tb', selector: LabelSelector.labels({ app: 'tb' }), ports: [Port.tcp(6006)], ingressFrom: [] }] }, /companions\[0\].ingressFrom: declare who may reach the companion \(got \[\]\)/],
      ['cilium ingress entity in the kubernetes flavor', { companions: [{ name: 'tb', selector: LabelSelector.labels({ app: 'tb' }), ports: [Port.tcp(6006)], ingressFrom: [IngressSource.ciliumIngress()] }] }, /Companion-tb: ingress\[0\].from\[0\]: NetworkPolicy has no entities; use Peer.pods\(...\) that selects your ingress controller/],
    ] as [string, Partial<MLTrainingPolicyProps>, RegExp][])('%s', (_name, props, message) => {
      expect(() => training(props)).toThrow(PolicyInputError);
      expect(() => training(props)).toThrow(message);
    });
  });
});
