import { App } from 'cdk8s';
import { PolicyFlavor } from '../lib';
import { ClusterGuardsChart } from './cluster-guards';
import { Environment } from './environments';
import { AiInferenceChart } from './examples/ai-inference';
import { AiWorkloadEgressChart } from './examples/ai-workload-egress';
import { DistributedTrainingNamespaceChart } from './examples/distributed-training-namespace';
import { TensorBoardIngressChart } from './examples/tensorboard-ingress';
import { KServeInferenceChart } from './scenarios/kserve-inference';
import { PyTorchTrainingChart } from './scenarios/pytorch-training';
import { RayClusterChart } from './scenarios/ray-cluster';

/** The reference platform for one environment: one chart (one output file) per namespace. */
export function buildPlatform(env: Environment): App {
  const app = new App();
  new TensorBoardIngressChart(app, env);
  new AiWorkloadEgressChart(app, env);
  new DistributedTrainingNamespaceChart(app, env);
  new AiInferenceChart(app, env);
  // The scenarios get namespaces of their own: example 3 opens all of namespace `ml` to itself.
  new PyTorchTrainingChart(app, env, { namespace: 'ml-bert' });
  new KServeInferenceChart(app, env, 'serving');
  new RayClusterChart(app, env, { namespace: 'ml-ray' });
  if (env.flavor === PolicyFlavor.CILIUM) new ClusterGuardsChart(app);
  return app;
}
