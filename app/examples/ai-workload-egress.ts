import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { LabelSelector, NamespaceSelector, Peer, WorkloadPolicy } from '../../lib';
import { Environment } from '../environments';

/**
 * Example 2: `app: ai-workload` may reach the pods of ai-namespace and one outside range. The hand-written
 * Cilium version mixed toEndpoints and toCIDR in one rule with an empty CIDR; here each peer kind gets its own
 * rule, the range comes from the environment, and its ports are named.
 */
export class AiWorkloadEgressChart extends Chart {
  public constructor(scope: Construct, env: Environment) {
    super(scope, 'ai-namespace');
    new WorkloadPolicy(this, 'AiWorkload', {
      name: 'ai-workload-egress',
      namespace: 'ai-namespace',
      flavor: env.flavor,
      selector: LabelSelector.labels({ app: 'ai-workload' }),
      description: 'ai-workload reaches ai-namespace and one outside range',
      egress: [
        { to: [Peer.namespaces(NamespaceSelector.named('ai-namespace'))] },
        { to: [Peer.cidr(env.aiWorkloadExternal.cidr)], ports: env.aiWorkloadExternal.ports },
      ],
    });
  }
}
