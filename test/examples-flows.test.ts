import { ENVIRONMENTS, Environment } from '../app/environments';
import { aiWorkloadProbe, inventoryFor } from '../app/inventory';
import { buildPlatform } from '../app/platform';
import { ConnectivityAnalyzer } from '../lib';


describe.each(ENVIRONMENTS.map((e) => [e.name, e] as [string, Environment]))('the four examples, as the analyzer sees them (%s)', (_name, env) => {
  const inventory = inventoryFor(env);
  const flows = new ConnectivityAnalyzer({ ...inventory, manifests: buildPlatform(env).charts.flatMap((c) => c.toJson()) });
  const aiHost = aiWorkloadProbe(env);

  test('1: ml-trainee accepts ml-server on TCP 6006 only', () => {
    expect(flows).toAllow('ml-training/server', 'ml-training/trainee', 6006);
    expect(flows).toDeny('ml-training/server', 'ml-training/trainee', 8080);
    expect(flows).toDeny('ml-training/server', 'ml-training/trainee', 6006, 'UDP');
    expect(flows).toDeny('team-b/client', 'ml-training/trainee', 6006);
    expect(flows).toAllow('ml-training/trainee', 'kube-system/coredns', 53, 'UDP');
  });

  test('2: ai-workload reaches its namespace and the configured range on 443, nothing else', () => {
    expect(flows).toAllow('ai-namespace/ai-workload', 'ai-namespace/vector-db', 6333);
    expect(flows).toAllow('ai-namespace/ai-workload', aiHost, 443);
    expect(flows).toDeny('ai-namespace/ai-workload', aiHost, 80);
    expect(flows).toDeny('ai-namespace/ai-workload', '1.1.1.1', 443);
    expect(flows).toDeny('ai-namespace/ai-workload', 'ai-inference/ai-inference', 80);
    expect(flows).toDeny('ai-namespace/ai-workload', '169.254.169.254', 80);
    expect(flows).toAllow('ai-namespace/ai-workload', 'kube-system/coredns', 53, 'UDP');
  });

  test('3: namespace ml talks freely inside, resolves names, and nothing else', () => {
    expect(flows).toAllow('ml/worker-0', 'ml/master-0', 2222);
    expect(flows).toAllow('ml/ps-0', 'ml/worker-0', 41000);
    expect(flows).toAllow('ml/worker-0', 'kube-system/coredns', 53, 'UDP');
    expect(flows).toAllow('ml/worker-0', 'kube-system/coredns', 53, 'TCP');
    expect(flows).toDeny('ml/worker-0', 'pypi.org', 443);
    expect(flows).toDeny('team-b/client', 'ml/master-0', 2222);
    expect(flows).toDeny('ml/worker-0', 'ml-bert/bert-master-0', 23456);
  });

  test('4: frontend -> ai-inference:80, ai-inference -> database:5432, DNS', () => {
    expect(flows).toAllow('ai-inference/frontend', 'ai-inference/ai-inference', 80);
    expect(flows).toAllow('ai-inference/ai-inference', 'ai-inference/database', 5432);
    expect(flows).toAllow('ai-inference/ai-inference', 'kube-system/coredns', 53, 'UDP');
    expect(flows).toDeny('ai-inference/ai-inference', 'ai-inference/database', 3306);
    expect(flows).toDeny('team-b/client', 'ai-inference/ai-inference', 80);
    expect(flows).toDeny('ai-inference/ai-inference', 'data/postgres', 5432);
  });
});
