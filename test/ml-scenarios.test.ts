import { App, Chart } from 'cdk8s';
import { ENVIRONMENTS, Environment } from '../app/environments';
import { KServeInferenceChart } from '../app/scenarios/kserve-inference';
import { PyTorchTrainingChart } from '../app/scenarios/pytorch-training';
import { RayClusterChart } from '../app/scenarios/ray-cluster';
import { checkFlows, ClusterDns, ConnectivityAnalyzer, describeMismatches, ExpectedFlow, PodInfo, PolicyFlavor } from '../lib';
import { ADDRESSES, PLATFORM_NAMESPACES, PLATFORM_PODS } from './scenarios/inventory';
import { S1 } from './scenarios/s1-pytorch';
import { S4 } from './scenarios/s4-kserve';
import { S7 } from './scenarios/s7-ray';

function verify(chart: Chart, pods: PodInfo[], flows: ExpectedFlow[]): string {
  const analyzer = new ConnectivityAnalyzer({
    namespaces: [...PLATFORM_NAMESPACES, { name: 'ml' }, { name: 'serving' }],
    pods: [...PLATFORM_PODS, ...pods],
    manifests: chart.toJson(),
    options: ADDRESSES,
  });
  return describeMismatches(checkFlows(analyzer, flows));
}

describe.each(ENVIRONMENTS.map((e) => [e.flavor, e] as [string, Environment]))('scenario flows, %s flavor', (_flavor, env) => {
  test('S1 PyTorchJob bert with TensorBoard and S3 checkpoints', () => {
    // GIVEN the scenario's chart / WHEN analyzed against its inventory / THEN every flow is as expected
    expect(verify(new PyTorchTrainingChart(new App(), env, { namespace: S1.namespace }), S1.pods, S1.flows)).toEqual('');
  });

  test('S1 with dns: ClusterDns.disabled() really cuts DNS (Cilium refuses it: S3 by DNS name needs the DNS proxy)', () => {
    const build = () => new PyTorchTrainingChart(new App(), env, { namespace: S1.namespace, dns: ClusterDns.disabled() });
    if (env.flavor === PolicyFlavor.CILIUM) {
      expect(build).toThrow(/^ml\/Bert\/Job: egress\[1\].to: DNS names are learned from DNS answers seen by the Cilium DNS proxy/);
    } else {
      expect(verify(build(), S1.pods, S1.flowsWithoutDns)).toEqual('');
    }
  });

  test('S4 KServe Serverless vLLM behind Istio', () => {
    expect(verify(new KServeInferenceChart(new App(), env, S4.namespace), S4.pods, S4.flows)).toEqual('');
  });

  test('S7 KubeRay cluster with submitter, Jupyter, Prometheus and Ray Serve', () => {
    expect(verify(new RayClusterChart(new App(), env, { namespace: S7.namespace }), S7.pods, S7.flows)).toEqual('');
  });

  test('S7 with PyPI for the workers', () => {
    const chart = new RayClusterChart(new App(), env, { namespace: S7.namespace, workersUsePypi: true, pypiCidrs: ['151.101.0.0/16'] });
    expect(verify(chart, S7.pods, [...S7.flowsWithPypi, ...S7.flows.filter((f) => f.to !== 'pypi.org')])).toEqual('');
  });
});
