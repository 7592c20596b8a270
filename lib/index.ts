// cdk8s-ml-netpol: intent -> render -> validate -> write, with analyze reading what was written.

export * from './errors';

// Intent vocabulary, shared by both flavors
export * from './intent/flavor';
export * from './intent/label-selector';
export * from './intent/namespace-selector';
export * from './intent/port';
export * from './intent/cilium-entity';
export * from './intent/peer';
export * from './intent/cluster-dns';
export * from './intent/rules';
export { CLOUD_METADATA_CIDRS } from './intent/cloud-metadata';
export type { PolicyIntent, IntentRule } from './intent/policy-intent';

// ML vocabulary: the workloads, their callers and their dependencies
export * from './ml/training-job';
export * from './ml/serving-runtime';
export * from './ml/ingress-source';
export * from './ml/external-service';
export * from './ml/model-source';
export * from './ml/api-server-access';
export * from './ml/cluster-dependency';

// Renderers, one per flavor
export { renderKubernetesSpec } from './render/kubernetes';
export { renderCiliumSpec, MAX_PORTS_PER_PORT_RULE } from './render/cilium';

// Constructs
export * from './constructs/workload-policy';
export * from './constructs/namespace-isolation';
export * from './constructs/namespace-baseline';
export * from './constructs/cluster-guards';
export { argoCdAnnotations } from './constructs/ml-common';
export type { ArgoCdOptions, MLPolicyCommonProps } from './constructs/ml-common';
export * from './constructs/ml-training-policy';
export * from './constructs/inference-policy';

// Validation
export * from './validate/findings';
export * from './validate/options';
export * from './validate/validate';
export { CiliumPolicyValidation } from './validate/cdk8s-plugin';

// Writing GitOps output
export * from './output/manifest-set';
export * from './output/gitops-writer';
export * from './output/synthesize';

// Connectivity analysis
export * from './analyze/inventory';
export * from './analyze/analyzer';
export * from './analyze/flows';
export * from './analyze/matchers';
export * from './analyze/report';
export type { CompiledPolicy, CompiledRule, Direction as TrafficDirection } from './analyze/policy-model';
export { BitSet } from './analyze/bitset';
