import { Construct, IConstruct } from 'constructs';
import { ClusterDns } from '../intent/cluster-dns';
import { PolicyFlavor } from '../intent/flavor';
import { WorkloadPolicy } from './workload-policy';

export interface NamespaceBaselineProps {
  readonly namespace: string;
  /** @default PolicyFlavor.KUBERNETES */
  readonly flavor?: PolicyFlavor;
  /** @default ClusterDns.kubeDns() */
  readonly dns?: ClusterDns;
  /** @default - none */
  readonly annotations?: { readonly [key: string]: string };
}

/**
 * The namespace-wide safety net: `default-deny-all` (every pod, both directions) and `allow-cluster-dns`, so pods
 * that start before their own policy exists are already isolated, and can still resolve names.
 */
export class NamespaceBaseline extends Construct {
  /**
   * The baseline of `props.namespace`: the one already in the app if any construct asked for it before, else a new one
   * in `scope`'s tree. Asking twice never writes two baselines.
   */
  public static ensure(scope: Construct, props: NamespaceBaselineProps): NamespaceBaseline {
    const existing = scope.node.root.node.findAll().find((c: IConstruct): c is NamespaceBaseline => c instanceof NamespaceBaseline && c.namespace === props.namespace);
    if (existing) {
      if (existing.flavor !== (props.flavor ?? PolicyFlavor.KUBERNETES)) {
        throw new Error(`${scope.node.path}: namespaceDefaultDeny: the baseline of namespace ${props.namespace} is already written in the ${existing.flavor} flavor by ${existing.node.path}`);
      }
      return existing;
    }
    return new NamespaceBaseline(scope, `NamespaceBaseline-${props.namespace}`, props);
  }

  public readonly namespace: string;
  public readonly flavor: PolicyFlavor;

  public constructor(scope: Construct, id: string, props: NamespaceBaselineProps) {
    super(scope, id);
    this.namespace = props.namespace;
    this.flavor = props.flavor ?? PolicyFlavor.KUBERNETES;
    const common = { namespace: props.namespace, flavor: this.flavor, annotations: props.annotations };
    new WorkloadPolicy(this, 'DenyAll', { ...common, name: 'default-deny-all', dns: ClusterDns.disabled(), description: `Default deny for every pod of ${props.namespace}` });
    new WorkloadPolicy(this, 'AllowDns', {
      ...common,
      name: 'allow-cluster-dns',
      dns: props.dns,
      defaultDeny: { ingress: false, egress: true },
      description: `Every pod of ${props.namespace} may query the cluster DNS`,
    });
  }
}
