import { App, Chart } from 'cdk8s';
import {
  ClusterDependency, IngressSource, InferencePolicy, MLTrainingPolicy, NamespaceSelector, Peer, PolicyFlavor, ServingRuntime, TrainingJob,
} from '../lib';
import { newChart, synth } from './helpers/manifests';

describe('namespaceDefaultDeny (S9)', () => {
  test.each([PolicyFlavor.KUBERNETES, PolicyFlavor.CILIUM])('%s: one deny-all and one DNS-allow per namespace, however many constructs ask', (flavor) => {
    // GIVEN two constructs in namespace ml and one in serving, all asking for the baseline
    const chart = newChart();
    new MLTrainingPolicy(chart, 'A', { namespace: 'ml', flavor, job: TrainingJob.pyTorchJob('a'), namespaceDefaultDeny: true });
    new MLTrainingPolicy(chart, 'B', { namespace: 'ml', flavor, job: TrainingJob.pyTorchJob('b'), namespaceDefaultDeny: true });
    new InferencePolicy(chart, 'C', { namespace: 'serving', flavor, name: 'c', runtime: ServingRuntime.vllm(), ingressFrom: [IngressSource.istioGateway()], namespaceDefaultDeny: true, argoCd: { syncWave: -2 } });
    // WHEN
    const manifests = synth(chart);
    // THEN
    const baseline = manifests.filter((m) => ['default-deny-all', 'allow-cluster-dns'].includes(m.metadata.name));
    expect(baseline.map((m) => `${m.metadata.namespace}/${m.metadata.name}`).sort()).toEqual(['ml/allow-cluster-dns', 'ml/default-deny-all', 'serving/allow-cluster-dns', 'serving/default-deny-all']);
    expect(baseline.filter((m) => m.metadata.namespace === 'ml')).toMatchSnapshot();
    const denyAll = baseline.find((m) => m.metadata.name === 'default-deny-all')!;
    const dns = baseline.find((m) => m.metadata.name === 'allow-cluster-dns')!;
    if (flavor === PolicyFlavor.CILIUM) {
      expect(denyAll.spec).toEqual({ description: 'Default deny for every pod of ml', endpointSelector: {}, enableDefaultDeny: { ingress: true, egress: true }, ingress: [{}], egress: [{}] });
      expect(dns.spec.enableDefaultDeny).toEqual({ ingress: false, egress: true });
      expect(dns.spec.ingress).toBeUndefined();
    } else {
      expect(denyAll.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      expect(dns.spec.policyTypes).toEqual(['Egress']);
      expect(JSON.stringify(dns.spec.egress)).toContain('kube-dns');
    }
    expect(baseline.find((m) => m.metadata.namespace === 'serving')!.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-2' });
  });

  test('without namespaceDefaultDeny no baseline is written', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new MLTrainingPolicy(chart, 'A', { namespace: 'ml', job: TrainingJob.pyTorchJob('a') });
    // THEN
    expect(synth(chart).map((m) => m.metadata.name)).toEqual(['a-pytorchjob']);
  });

  test('asking for one namespace in two flavors is an error', () => {
    // GIVEN
    const app = new App();
    // WHEN
    new MLTrainingPolicy(new Chart(app, 'one'), 'A', { namespace: 'ml', job: TrainingJob.pyTorchJob('a'), namespaceDefaultDeny: true });
    // THEN
    expect(() => new MLTrainingPolicy(new Chart(app, 'two'), 'B', { namespace: 'ml', flavor: PolicyFlavor.CILIUM, job: TrainingJob.pyTorchJob('b'), namespaceDefaultDeny: true }))
      .toThrow(/^two\/B: namespaceDefaultDeny: the baseline of namespace ml is already written in the kubernetes flavor by one\/A\/NamespaceBaseline-ml/);
  });
});

describe('ClusterDependency', () => {
  test.each([
    ['postgres', ClusterDependency.postgres, [5432]], ['mysql', ClusterDependency.mysql, [3306]], ['redis', ClusterDependency.redis, [6379]],
    ['milvus', ClusterDependency.milvus, [19530]], ['qdrant', ClusterDependency.qdrant, [6333, 6334]], ['feast', ClusterDependency.feast, [6566]],
    ['mlflow', ClusterDependency.mlflow, [5000]], ['minio', ClusterDependency.minio, [9000]],
  ] as [string, typeof ClusterDependency.postgres, number[]][])('%s opens exactly its ports', (_name, dependency, ports) => {
    const peer = Peer.pods({ labels: { app: 'x' }, namespaces: NamespaceSelector.named('data') });
    const rule = dependency(peer);
    expect(rule.to).toEqual([peer]);
    expect(rule.ports!.map((p) => p.summary)).toEqual(ports.map((p) => `${p}/TCP`));
  });
});
