import { App } from 'cdk8s';
import { Environment } from './environments';
import { AiInferenceChart } from './examples/ai-inference';
import { AiWorkloadEgressChart } from './examples/ai-workload-egress';
import { DistributedTrainingNamespaceChart } from './examples/distributed-training-namespace';
import { TensorBoardIngressChart } from './examples/tensorboard-ingress';

/** The reference platform for one environment: one chart (one output file) per namespace. */
export function buildPlatform(env: Environment): App {
  const app = new App();
  new TensorBoardIngressChart(app, env);
  new AiWorkloadEgressChart(app, env);
  new DistributedTrainingNamespaceChart(app, env);
  new AiInferenceChart(app, env);
  return app;
}
