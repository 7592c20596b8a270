import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { NamespaceIsolation } from '../../lib';
import { Environment } from '../environments';

/**
 * Example 3: namespace ml runs distributed training (workers, parameter servers, master). Its pods talk
 * freely to each other on every port, resolve names through the cluster DNS, and nothing else.
 */
export class DistributedTrainingNamespaceChart extends Chart {
  public constructor(scope: Construct, env: Environment) {
    super(scope, 'ml');
    new NamespaceIsolation(this, 'Isolation', { namespace: 'ml', flavor: env.flavor });
  }
}
