import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { LabelSelector, Peer, Port, WorkloadPolicy } from '../../lib';
import { Environment } from '../environments';

/** Example 4: `app: ai-inference` takes `role: frontend` on 80 and reaches `role: database` on 5432 (and DNS). */
export class AiInferenceChart extends Chart {
  public constructor(scope: Construct, env: Environment) {
    super(scope, 'ai-inference');
    new WorkloadPolicy(this, 'AiInference', {
      name: 'ai-inference',
      namespace: 'ai-inference',
      flavor: env.flavor,
      selector: LabelSelector.labels({ app: 'ai-inference' }),
      description: 'ai-inference serves frontend on 80 and reaches its database on 5432',
      ingress: [{ from: [Peer.pods({ labels: { role: 'frontend' } })], ports: [Port.tcp(80)] }],
      egress: [{ to: [Peer.pods({ labels: { role: 'database' } })], ports: [Port.tcp(5432)] }],
    });
  }
}
