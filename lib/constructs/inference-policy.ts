import { Construct } from 'constructs';
import { Problems } from '../errors';
import { PolicyFlavor } from '../intent/flavor';
import { LabelSelector } from '../intent/label-selector';
import { NamespaceSelector } from '../intent/namespace-selector';
import { Peer } from '../intent/peer';
import { Port } from '../intent/port';
import { EgressRule, IngressRule } from '../intent/rules';
import { ExternalService } from '../ml/external-service';
import { IngressSource } from '../ml/ingress-source';
import { ModelSource } from '../ml/model-source';
import { ServingRuntime } from '../ml/serving-runtime';
import { apiServerRules, commonPolicyProps, ensureBaseline, externalServiceRules, MLPolicyCommonProps } from './ml-common';
import { WorkloadPolicy } from './workload-policy';

export interface InferencePolicyProps extends MLPolicyCommonProps {
  /** The InferenceService name, the `app` label of the server, or the RayCluster name (Ray Serve). */
  readonly name: string;
  readonly runtime: ServingRuntime;
  /**
   * Who may call the model (gateways, ingress controllers, named pods); required, never implied.
   */
  readonly ingressFrom: Peer[];
  /**
   * The server's pods.
   * @default - the runtime's selector for `name`
   */
  readonly selector?: LabelSelector;
  /**
   * Ports clients call.
   * @default - the runtime's
   */
  readonly servingPorts?: Port[];
  /**
   * KServe Serverless: namespace of Knative's activator (→ serving ports) and autoscaler (→ 9090).
   * @default 'knative-serving'
   */
  readonly knativeNamespace?: string;
  /**
   * Who scrapes the metrics ports (and only those); [] for nobody.
   * @default [IngressSource.prometheus()] - monitoring/app.kubernetes.io/name=prometheus
   */
  readonly metricsFrom?: Peer[];
  /**
   * Who may use the runtime's management ports (TorchServe 8081/7071).
   * @default - nobody: management stays closed
   */
  readonly adminFrom?: Peer[];
  /**
   * Where the model is loaded from; the egress is granted to the whole pod.
   * @default - no model download egress
   */
  readonly modelSource?: ModelSource;
  /**
   * Cluster dependencies: databases, caches, vector stores.
   * @default - none
   */
  readonly egress?: EgressRule[];
  /** @default - none */
  readonly externalServices?: ExternalService[];
  /** @default false */
  readonly kubeApiServer?: boolean;
  /**
   * Multi-node serving (vLLM/KServe with Ray and NCCL): the server's pods reach each other on every port.
   * @default false
   */
  readonly multiNode?: boolean;
}

/** The network policy of a model server: declared callers on the serving ports, scrapers on metrics, declared egress. */
export class InferencePolicy extends Construct {
  public readonly policy: WorkloadPolicy;

  public constructor(scope: Construct, id: string, props: InferencePolicyProps) {
    super(scope, id);
    const flavor = props.flavor ?? PolicyFlavor.KUBERNETES;
    const runtime = props.runtime;
    const problems = new Problems();
    if (props.ingressFrom.length === 0) {
      problems.add('ingressFrom', props.ingressFrom, 'declare who may call the model, e.g. IngressSource.gatewayApi(name, namespace)');
    }
    if (props.adminFrom && runtime.adminPorts.length === 0) {
      problems.add('adminFrom', props.adminFrom, `${runtime} has no management ports`);
    }
    if (props.knativeNamespace && !runtime.knative) {
      problems.add('knativeNamespace', props.knativeNamespace, `${runtime} does not run behind Knative`);
    }
    const external = [
      ...externalServiceRules(props.externalServices, flavor, 'externalServices', problems),
      ...externalServiceRules(props.modelSource?.service ? [props.modelSource.service] : [], flavor, 'modelSource', problems),
    ];
    const apiServer = apiServerRules(props.kubeApiServer, props, 'kubeApiServer', problems);
    problems.throwIfAny(this.node.path);

    const servingPorts = props.servingPorts ?? [...runtime.servingPorts];
    const metricsFrom = props.metricsFrom ?? [IngressSource.prometheus()];
    const selector = props.selector ?? runtime.defaultSelector(props.name);
    const self = Peer.pods({ labels: selector.matchLabels, expressions: [...selector.expressions] });
    const knative = NamespaceSelector.named(props.knativeNamespace ?? 'knative-serving');

    const ingress: IngressRule[] = [
      { from: props.ingressFrom, ports: servingPorts },
      ...(runtime.knative ? [
        { from: [Peer.pods({ labels: { app: 'activator' }, namespaces: knative })], ports: servingPorts },
        { from: [Peer.pods({ labels: { app: 'autoscaler' }, namespaces: knative })], ports: [Port.tcp(9090)] },
      ] : []),
      ...(metricsFrom.length && runtime.metricsPorts.length ? [{ from: metricsFrom, ports: [...runtime.metricsPorts] }] : []),
      ...(props.adminFrom?.length ? [{ from: props.adminFrom, ports: [...runtime.adminPorts] }] : []),
      ...(props.multiNode ? [{ from: [self] }] : runtime.componentsCallEachOther ? [{ from: [self], ports: servingPorts }] : []),
    ];
    const egress: EgressRule[] = [
      ...(props.multiNode ? [{ to: [self] }] : runtime.componentsCallEachOther ? [{ to: [self], ports: servingPorts }] : []),
      ...(props.modelSource && !props.modelSource.service ? props.modelSource.egressRules(flavor) : []),
      ...external,
      ...(props.egress ?? []),
      ...apiServer,
    ];

    ensureBaseline(this, props);
    this.policy = new WorkloadPolicy(this, 'Policy', {
      ...commonPolicyProps(props),
      name: `${props.namePrefix ?? ''}${props.name}-${runtime.name}`,
      selector,
      description: `${runtime.name} ${props.name}: declared callers on ${servingPorts.map((p) => p.summary).join(', ')}; metrics scrapers on the metrics ports only`,
      ingress,
      egress,
    });
  }
}
