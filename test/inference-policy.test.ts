import {
  ConnectivityAnalyzer, IngressSource, InferencePolicy, InferencePolicyProps, ModelSource, NamespaceSelector, Peer, PolicyFlavor, PolicyInputError, Port, ServingRuntime,
} from '../lib';
import { allPorts, newChart, only } from './helpers/manifests';

function inference(props: Partial<InferencePolicyProps>): any {
  const chart = newChart();
  new InferencePolicy(chart, 'Inference', { namespace: 'serving', name: 'm', runtime: ServingRuntime.vllm(), ingressFrom: [IngressSource.gatewayApi('web', 'gw')], ...props });
  return only(chart);
}

/** `port/protocol <- source` for every ingress rule of a NetworkPolicy. */
function ingressTable(policy: any): string[] {
  return policy.spec.ingress.flatMap((rule: any) => (rule.ports ?? [{ port: 'all', protocol: 'all' }]).map((p: any) =>
    `${p.port}/${p.protocol} <- ${rule.from.map((f: any) => JSON.stringify(f.podSelector?.matchLabels ?? f.namespaceSelector?.matchLabels)).join(' ')}`)).sort();
}

describe('InferencePolicy', () => {
  test.each([PolicyFlavor.KUBERNETES, PolicyFlavor.CILIUM])('%s: KServe Serverless snapshot', (flavor) => {
    // GIVEN
    const policy = inference({ flavor, name: 'llama', runtime: ServingRuntime.kserveServerless(), ingressFrom: [IngressSource.istioGateway()], modelSource: ModelSource.s3('us-east-1', { cidrs: ['52.216.0.0/15'] }) });
    // THEN
    expect(policy).toMatchSnapshot();
    expect(policy.metadata.name).toEqual('llama-kserve-serverless');
  });

  test.each([
    ['vllm', ServingRuntime.vllm(), ['8000/TCP'], ['8000/TCP']],
    ['triton', ServingRuntime.triton(), ['8000/TCP', '8001/TCP'], ['8002/TCP']],
    ['torchserve', ServingRuntime.torchServe(), ['7070/TCP', '8080/TCP'], ['8082/TCP']],
    ['tgi', ServingRuntime.tgi(), ['80/TCP'], ['80/TCP']],
    ['kserve-raw', ServingRuntime.kserveRaw(), ['8080/TCP'], ['8080/TCP'], ['8080/TCP <- {"serving.kserve.io/inferenceservice":"m"}']],
    ['ray-serve', ServingRuntime.rayServe(), ['8000/TCP'], ['8080/TCP']],
  ] as [string, ServingRuntime, string[], string[], string[]?][])('%s: clients on the serving ports, Prometheus on the metrics ports only', (_name, runtime, serving, metrics, ownComponents = []) => {
    const table = ingressTable(inference({ runtime }));
    expect(table).toEqual([
      ...serving.map((p) => `${p} <- {"gateway.networking.k8s.io/gateway-name":"web"}`),
      ...metrics.map((p) => `${p} <- {"app.kubernetes.io/name":"prometheus"}`),
      ...ownComponents,
    ].sort());
  });

  test('TorchServe management stays closed unless granted, then only to the named peers', () => {
    expect(JSON.stringify(inference({ runtime: ServingRuntime.torchServe() }).spec.ingress)).not.toMatch(/"port":(8081|7071)/);
    const granted = inference({ runtime: ServingRuntime.torchServe(), adminFrom: [Peer.pods({ labels: { app: 'model-admin' } })] });
    expect(granted.spec.ingress).toContainEqual({ from: [{ podSelector: { matchLabels: { app: 'model-admin' } } }], ports: [{ port: 7071, protocol: 'TCP' }, { port: 8081, protocol: 'TCP' }] });
  });

  test('default selectors per runtime', () => {
    expect(inference({ runtime: ServingRuntime.kserveRaw(), name: 'isvc' }).spec.podSelector).toEqual({ matchLabels: { 'serving.kserve.io/inferenceservice': 'isvc' } });
    expect(inference({ runtime: ServingRuntime.tgi(), name: 'tgi' }).spec.podSelector).toEqual({ matchLabels: { app: 'tgi' } });
    expect(inference({ runtime: ServingRuntime.rayServe(), name: 'rc' }).spec.podSelector).toEqual({ matchLabels: { 'ray.io/cluster': 'rc', 'ray.io/serve': 'true' } });
  });

  test('model sources: PVC and OCI open nothing, an in-cluster store opens exactly its rule', () => {
    for (const modelSource of [ModelSource.pvc(), ModelSource.oci()]) {
      expect(allPorts(inference({ modelSource })).filter((p) => p.port !== 53 && p.port !== 8000)).toEqual([]);
    }
    const minio = inference({ modelSource: ModelSource.inCluster({ to: [Peer.pods({ labels: { app: 'minio' }, namespaces: NamespaceSelector.named('storage') })], ports: [Port.tcp(9000)] }) });
    expect(minio.spec.egress).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'storage' } }, podSelector: { matchLabels: { app: 'minio' } } }], ports: [{ port: 9000, protocol: 'TCP' }] });
  });

  test('cilium: Hugging Face by DNS name with the DNS proxy; the Cilium ingress entity as a source', () => {
    // GIVEN
    const policy = inference({ flavor: PolicyFlavor.CILIUM, modelSource: ModelSource.huggingFace(), ingressFrom: [IngressSource.ciliumIngress()] });
    // THEN
    expect(policy.spec.egress).toContainEqual({
      toFQDNs: [{ matchName: 'huggingface.co' }, { matchPattern: '*.hf.co' }, { matchPattern: '*.huggingface.co' }, { matchPattern: '*.xethub.hf.co' }],
      toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }],
    });
    expect(policy.spec.ingress).toContainEqual({ fromEntities: ['ingress'], toPorts: [{ ports: [{ port: '8000', protocol: 'TCP' }] }] });
  });

  test('KServe: transformer and explainer reach the predictor of the same InferenceService on the serving ports only', () => {
    // GIVEN an InferenceService with a transformer, in both KServe modes
    for (const runtime of [ServingRuntime.kserveRaw(), ServingRuntime.kserveServerless()]) {
      const chart = newChart();
      new InferencePolicy(chart, 'Isvc', { namespace: 'serving', name: 'bert', runtime, ingressFrom: [IngressSource.istioGateway()] });
      // WHEN analyzed
      const flows = new ConnectivityAnalyzer({
        namespaces: [{ name: 'serving' }],
        pods: ['predictor', 'transformer'].map((component) => ({ namespace: 'serving', name: component, labels: { 'serving.kserve.io/inferenceservice': 'bert', component } })),
        manifests: chart.toJson(),
      });
      // THEN
      const port = runtime.servingPorts[0].port as number;
      expect(flows).toAllow('serving/transformer', 'serving/predictor', port);
      expect(flows).toDeny('serving/transformer', 'serving/predictor', 9999);
    }
    expect(JSON.stringify(inference({ runtime: ServingRuntime.vllm() }).spec.ingress)).not.toContain('"podSelector":{"matchLabels":{"app":"m"}}');
  });

  test('multi-node serving opens every port between the server pods', () => {
    // GIVEN
    const policy = inference({ multiNode: true });
    // THEN
    expect(policy.spec.ingress).toContainEqual({ from: [{ podSelector: { matchLabels: { app: 'm' } } }] });
    expect(policy.spec.egress).toContainEqual({ to: [{ podSelector: { matchLabels: { app: 'm' } } }] });
  });

  test('metricsFrom: [] closes the metrics port', () => {
    expect(ingressTable(inference({ runtime: ServingRuntime.triton(), metricsFrom: [] }))).toEqual(['8000/TCP <- {"gateway.networking.k8s.io/gateway-name":"web"}', '8001/TCP <- {"gateway.networking.k8s.io/gateway-name":"web"}']);
  });

  describe('synth-time rules', () => {
    test.each([
      ['no ingress source', { ingressFrom: [] }, /^test\/Inference: ingressFrom: declare who may call the model.*\(got \[\]\)/],
      ['admin peers for a runtime without management ports', { adminFrom: [Peer.sameNamespace()] }, /adminFrom: ServingRuntime\(vllm\) has no management ports/],
      ['a Knative namespace for a runtime outside Knative', { knativeNamespace: 'knative' }, /knativeNamespace: ServingRuntime\(vllm\) does not run behind Knative \(got "knative"\)/],
      ['a model source by DNS name in the kubernetes flavor', { modelSource: ModelSource.huggingFace() }, /modelSource\[0\]: NetworkPolicy cannot match DNS names \(huggingface.co/],
      ['the API server without endpoints in the kubernetes flavor', { kubeApiServer: true }, /kubeApiServer: NetworkPolicy reaches the API server by its endpoint addresses/],
    ] as [string, Partial<InferencePolicyProps>, RegExp][])('%s', (_name, props, message) => {
      expect(() => inference(props)).toThrow(PolicyInputError);
      expect(() => inference(props)).toThrow(message);
    });
  });
});
