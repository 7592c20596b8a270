import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { LabelSelector, Peer, Port, WorkloadPolicy } from '../../lib';
import { Environment } from '../environments';

/** Example 1: in ml-training, `role: ml-trainee` pods accept only `role: ml-server` on TCP 6006 (TensorBoard). */
export class TensorBoardIngressChart extends Chart {
  public constructor(scope: Construct, env: Environment) {
    super(scope, 'ml-training');
    new WorkloadPolicy(this, 'TensorBoard', {
      name: 'ml-trainee-tensorboard',
      namespace: 'ml-training',
      flavor: env.flavor,
      selector: LabelSelector.labels({ role: 'ml-trainee' }),
      description: 'TensorBoard on ml-trainee pods, reachable from ml-server pods only',
      ingress: [{ from: [Peer.pods({ labels: { role: 'ml-server' } })], ports: [Port.tcp(6006)] }],
    });
  }
}
