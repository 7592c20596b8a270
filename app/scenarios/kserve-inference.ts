import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { IngressSource, InferencePolicy, ModelSource, NamespaceSelector, Peer, PolicyFlavor, Port, ServingRuntime } from '../../lib';
import { Environment } from '../environments';

/**
 * Scenario S4: KServe Serverless vLLM `llama` behind the Istio gateway, model from S3, Postgres and Redis in
 * namespace `data`, metrics scraped by Prometheus.
 */
export class KServeInferenceChart extends Chart {
  public constructor(scope: Construct, env: Environment, namespace: string) {
    super(scope, namespace);
    const data = NamespaceSelector.named('data');
    new InferencePolicy(this, 'Llama', {
      namespace,
      flavor: env.flavor,
      name: 'llama',
      runtime: ServingRuntime.kserveServerless(),
      ingressFrom: [IngressSource.istioGateway()],
      modelSource: ModelSource.s3(env.awsRegion, env.flavor === PolicyFlavor.KUBERNETES ? { cidrs: env.s3Cidrs } : {}),
      egress: [
        { to: [Peer.pods({ labels: { app: 'postgres' }, namespaces: data })], ports: [Port.tcp(5432)] },
        { to: [Peer.pods({ labels: { app: 'redis' }, namespaces: data })], ports: [Port.tcp(6379)] },
      ],
      argoCd: { syncWave: -1, skipDryRunOnMissingResource: env.flavor === PolicyFlavor.CILIUM },
    });
  }
}
