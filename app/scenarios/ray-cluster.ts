import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ApiServerAccess, ExternalService, IngressSource, InferencePolicy, MLTrainingPolicy, Peer, PolicyFlavor, Port, ServingRuntime, TrainingJob,
} from '../../lib';
import { Environment } from '../environments';

export interface RayClusterProps {
  readonly namespace: string;
  /**
   * Let the workers install packages from PyPI (runtime_env pip); needs `pypiCidrs` in the kubernetes flavor.
   * @default false
   */
  readonly workersUsePypi?: boolean;
  /** @default - none */
  readonly pypiCidrs?: string[];
}

/**
 * Scenario S7: KubeRay cluster `rc`: a RayJob submitter and Jupyter reach the head (Jobs API, Ray client), the head's
 * autoscaler reaches the API server, Prometheus scrapes every node, and Ray Serve answers behind gateway `gw/web`.
 */
export class RayClusterChart extends Chart {
  public constructor(scope: Construct, env: Environment, props: RayClusterProps) {
    super(scope, props.namespace);
    const namespace = props.namespace;
    new MLTrainingPolicy(this, 'RayCluster', {
      namespace,
      flavor: env.flavor,
      apiServer: env.flavor === PolicyFlavor.KUBERNETES ? ApiServerAccess.endpoints(env.apiServerEndpoints) : undefined,
      job: TrainingJob.rayCluster('rc'),
      roles: {
        head: {
          kubeApiServer: true,
          ingress: [
            { from: [Peer.pods({ labels: { 'ray.io/originated-from-crd': 'RayJob', 'ray.io/originated-from-cr-name': 'job1' } })], ports: [Port.tcp(8265)] },
            { from: [Peer.pods({ labels: { app: 'jupyter' } })], ports: [Port.tcp(10001)] },
          ],
        },
        ...(props.workersUsePypi ? { worker: { externalServices: [ExternalService.pypi({ cidrs: props.pypiCidrs })] } } : {}),
      },
    });
    new InferencePolicy(this, 'RayServe', {
      namespace,
      flavor: env.flavor,
      name: 'rc',
      runtime: ServingRuntime.rayServe(),
      ingressFrom: [IngressSource.gatewayApi('web', 'gw')],
    });
  }
}
