import { App, Chart } from 'cdk8s';
import { ENVIRONMENTS, Environment } from '../app/environments';
import { KServeInferenceChart } from '../app/scenarios/kserve-inference';
import { PyTorchTrainingChart } from '../app/scenarios/pytorch-training';
import { RayClusterChart } from '../app/scenarios/ray-cluster';
import { ClusterDns, ConnectivityAnalyzer, PodInfo, PolicyFlavor } from '../lib';
import { ADDRESSES, PLATFORM_NAMESPACES, PLATFORM_PODS } from './scenarios/inventory';
import { S1 } from './scenarios/s1-pytorch';
import { S4 } from './scenarios/s4-kserve';
import { S7 } from './scenarios/s7-ray';

function analyze(chart: Chart, pods: PodInfo[]): ConnectivityAnalyzer {
  return new ConnectivityAnalyzer({
    namespaces: [...PLATFORM_NAMESPACES, { name: 'ml' }, { name: 'serving' }],
    pods: [...PLATFORM_PODS, ...pods],
    manifests: chart.toJson(),
    options: ADDRESSES,
  });
}

describe.each(ENVIRONMENTS.map((e) => [e.flavor, e] as [string, Environment]))('scenario flows, %s flavor', (_flavor, env) => {
  test('S1 PyTorchJob bert with TensorBoard and S3 checkpoints', () => {
    // GIVEN the scenario's chart / WHEN analyzed against its inventory / THEN every flow is as expected
    expect(analyze(new PyTorchTrainingChart(new App(), env, { namespace: S1.namespace }), S1.pods)).toMatchFlows(S1.flows);
  });

  test('S1 with dns: ClusterDns.disabled() really cuts DNS (Cilium refuses it: S3 by DNS name needs the DNS proxy)', () => {
    const build = () => new PyTorchTrainingChart(new App(), env, { namespace: S1.namespace, dns: ClusterDns.disabled() });
    if (env.flavor === PolicyFlavor.CILIUM) {
      expect(build).toThrow(/^ml\/Bert\/Job: egress\[1\].to: DNS names are learned from DNS answers seen by the Cilium DNS proxy/);
    } else {
      expect(analyze(build(), S1.pods)).toMatchFlows(S1.flowsWithoutDns);
    }
  });

  test('S4 KServe Serverless vLLM behind Istio', () => {
    expect(analyze(new KServeInferenceChart(new App(), env, S4.namespace), S4.pods)).toMatchFlows(S4.flows);
  });

  test('S7 KubeRay cluster with submitter, Jupyter, Prometheus and Ray Serve', () => {
    expect(analyze(new RayClusterChart(new App(), env, { namespace: S7.namespace }), S7.pods)).toMatchFlows(S7.flows);
  });

  test('S7 with PyPI for the workers', () => {
    const chart = new RayClusterChart(new App(), env, { namespace: S7.namespace, workersUsePypi: true, pypiCidrs: ['151.101.0.0/16'] });
    expect(analyze(chart, S7.pods)).toMatchFlows([...S7.flowsWithPypi, ...S7.flows.filter((f) => f.to !== 'pypi.org')]);
  });
});
