import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CiliumNetworkPolicy } from '../../imports/cilium.io';
import { Problems } from '../errors';
import { ClusterDns } from '../intent/cluster-dns';
import { Direction, PolicyFlavor } from '../intent/flavor';
import { LabelSelector } from '../intent/label-selector';
import { buildIntent, checkRule, checkSettings, IntentSettings, PolicyIntent } from '../intent/policy-intent';
import { DefaultDeny, EgressRule, IngressRule } from '../intent/rules';
import { renderCiliumSpec } from '../render/cilium';
import { renderKubernetesSpec } from '../render/kubernetes';

/** The label every object this library writes carries. */
export const MANAGED_BY_LABEL = { 'app.kubernetes.io/managed-by': 'cdk8s-ml-netpol' };

export interface WorkloadPolicyProps {
  /** `metadata.name`, written as is (no hash), so GitOps diffs stay stable. */
  readonly name: string;
  /** Namespace of the policy and of the pods it selects. */
  readonly namespace: string;
  /**
   * The pods the policy protects.
   * @default LabelSelector.all() - every pod of the namespace
   */
  readonly selector?: LabelSelector;
  /**
   * Which policy API to write.
   * @default PolicyFlavor.KUBERNETES
   */
  readonly flavor?: PolicyFlavor;
  /**
   * Allowed incoming traffic.
   * @default - none
   */
  readonly ingress?: IngressRule[];
  /**
   * Allowed outgoing traffic.
   * @default - none (cluster DNS only)
   */
  readonly egress?: EgressRule[];
  /**
   * Directions in which everything not allowed is denied.
   * @default - both directions
   */
  readonly defaultDeny?: DefaultDeny;
  /**
   * The cluster DNS the selected pods may query when egress is isolated.
   * @default ClusterDns.kubeDns() - kube-system/k8s-app=kube-dns on UDP and TCP 53
   */
  readonly dns?: ClusterDns;
  /**
   * Keep the cloud metadata endpoint (169.254.169.254, fd00:ec2::254) out of every CIDR and entity rule.
   * @default true
   */
  readonly blockCloudMetadata?: boolean;
  /**
   * Extra `metadata.labels`.
   * @default - only app.kubernetes.io/managed-by
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * `metadata.annotations`, e.g. Argo CD sync waves.
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
  /**
   * Human-readable purpose (Cilium `spec.description`).
   * @default - none
   */
  readonly description?: string;
}

/**
 * A least-privilege policy for one group of pods, as NetworkPolicy or CiliumNetworkPolicy:
 * default-deny in both directions, cluster DNS allowed, and only the rules given.
 */
export class WorkloadPolicy extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly flavor: PolicyFlavor;
  /** The generated L1 object. */
  public readonly apiObject: ApiObject;

  private readonly settings: IntentSettings;
  private readonly ingressRules: IngressRule[] = [];
  private readonly egressRules: EgressRule[] = [];

  public constructor(scope: Construct, id: string, props: WorkloadPolicyProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace;
    this.flavor = props.flavor ?? PolicyFlavor.KUBERNETES;
    this.settings = {
      name: props.name,
      namespace: props.namespace,
      selector: props.selector ?? LabelSelector.all(),
      flavor: this.flavor,
      isolateIngress: props.defaultDeny?.ingress ?? true,
      isolateEgress: props.defaultDeny?.egress ?? true,
      dns: props.dns ?? ClusterDns.kubeDns(),
      blockCloudMetadata: props.blockCloudMetadata ?? true,
      description: props.description,
    };
    const problems = new Problems();
    checkSettings(this.settings, problems);
    if (!this.settings.isolateIngress && !this.settings.isolateEgress && !props.ingress?.length && !props.egress?.length) {
      problems.add('defaultDeny', props.defaultDeny, 'the policy neither isolates nor allows anything; give its rules or keep a direction\'s default deny on');
    }
    (props.ingress ?? []).forEach((rule, i) => checkRule(this.settings, Direction.INGRESS, rule, `ingress[${i}]`, problems));
    (props.egress ?? []).forEach((rule, i) => checkRule(this.settings, Direction.EGRESS, rule, `egress[${i}]`, problems));
    problems.throwIfAny(this.node.path);
    this.ingressRules.push(...(props.ingress ?? []));
    this.egressRules.push(...(props.egress ?? []));

    const metadata: ApiObjectMetadata = {
      name: props.name,
      namespace: props.namespace,
      labels: { ...props.labels, ...MANAGED_BY_LABEL },
      annotations: props.annotations,
    };
    this.apiObject = this.flavor === PolicyFlavor.CILIUM
      ? new CiliumNetworkPolicy(this, 'Resource', { metadata, spec: Lazy.any({ produce: () => renderCiliumSpec(this.intent()) }) })
      : new k8s.KubeNetworkPolicy(this, 'Resource', { metadata, spec: Lazy.any({ produce: () => renderKubernetesSpec(this.intent()) }) });
  }

  public addIngress(rule: IngressRule): void {
    this.addRule(Direction.INGRESS, rule, this.ingressRules);
  }

  public addEgress(rule: EgressRule): void {
    this.addRule(Direction.EGRESS, rule, this.egressRules);
  }

  /** The policy as the renderers see it, secure defaults applied. */
  public intent(): PolicyIntent {
    return buildIntent(this.settings, this.ingressRules, this.egressRules);
  }

  private addRule(direction: Direction, rule: IngressRule | EgressRule, rules: (IngressRule | EgressRule)[]): void {
    const problems = new Problems();
    checkRule(this.settings, direction, rule, `${direction}[${rules.length}]`, problems);
    problems.throwIfAny(this.node.path);
    rules.push(rule);
  }
}
