import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ApiServerAccess, ClusterDns, IngressSource, LabelSelector, MLTrainingPolicy, PolicyFlavor, Port, TrainingJob } from '../../lib';
import { Environment } from '../environments';
import { s3 } from './s3';

export interface PyTorchTrainingProps {
  readonly namespace: string;
  /** @default ClusterDns.kubeDns() */
  readonly dns?: ClusterDns;
}

/**
 * Scenario S1: PyTorchJob `bert` (1 master, 4 workers, NCCL) with S3 checkpoints, and a TensorBoard companion
 * behind the Gateway API gateway `gw/web`.
 */
export class PyTorchTrainingChart extends Chart {
  public constructor(scope: Construct, env: Environment, props: PyTorchTrainingProps) {
    super(scope, props.namespace);
    new MLTrainingPolicy(this, 'Bert', {
      namespace: props.namespace,
      flavor: env.flavor,
      dns: props.dns,
      apiServer: env.flavor === PolicyFlavor.KUBERNETES ? ApiServerAccess.endpoints(env.apiServerEndpoints) : undefined,
      job: TrainingJob.pyTorchJob('bert'),
      externalServices: [s3(env)],
      companions: [{
        name: 'tensorboard',
        selector: LabelSelector.labels({ app: 'tensorboard' }),
        ports: [Port.tcp(6006)],
        ingressFrom: [IngressSource.gatewayApi('web', 'gw')],
        externalServices: [s3(env)],
      }],
      argoCd: { syncWave: -1, skipDryRunOnMissingResource: env.flavor === PolicyFlavor.CILIUM },
    });
  }
}
