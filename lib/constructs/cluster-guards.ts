import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CiliumClusterwideNetworkPolicy,
  CiliumClusterwideNetworkPolicySpec,
  CiliumClusterwideNetworkPolicySpecEgressToPortsPortsProtocol as Protocol,
  CiliumClusterwideNetworkPolicySpecEndpointSelectorMatchExpressionsOperator as Operator,
} from '../../imports/cilium.io';
import { Problems } from '../errors';
import { CLOUD_METADATA_CIDRS } from '../intent/cloud-metadata';
import { ClusterDns } from '../intent/cluster-dns';
import { CILIUM_NAMESPACE_KEY, NamespaceSelector } from '../intent/namespace-selector';
import { MANAGED_BY_LABEL } from './workload-policy';

export interface ClusterGuardProps {
  /**
   * `metadata.name` (cluster-scoped).
   * @default - the guard's own name
   */
  readonly name?: string;
  /**
   * Namespaces left out, e.g. node agents that need the metadata endpoint (`kube-system`).
   * @default - none
   */
  readonly exceptNamespaces?: string[];
  /** @default - none */
  readonly annotations?: { readonly [key: string]: string };
}

/** A CiliumClusterwideNetworkPolicy over every pod (but excepted namespaces) that never puts a pod in default deny. */
abstract class ClusterGuard extends Construct {
  public readonly apiObject: ApiObject;

  protected constructor(scope: Construct, id: string, name: string, props: ClusterGuardProps, spec: Omit<CiliumClusterwideNetworkPolicySpec, 'endpointSelector' | 'enableDefaultDeny'>) {
    super(scope, id);
    const except = [...new Set(props.exceptNamespaces ?? [])].sort();
    if (except.length > 0) {
      const problems = new Problems();
      NamespaceSelector.named(...except)._checkInto(problems, 'exceptNamespaces');
      problems.throwIfAny(this.node.path);
    }
    this.apiObject = new CiliumClusterwideNetworkPolicy(this, 'Resource', {
      metadata: { name, labels: { ...MANAGED_BY_LABEL }, annotations: props.annotations },
      spec: {
        ...spec,
        endpointSelector: except.length ? { matchExpressions: [{ key: CILIUM_NAMESPACE_KEY, operator: Operator.NOT_IN, values: except }] } : {},
        enableDefaultDeny: { ingress: false, egress: false },
      },
    });
    // A Chart's namespace is stamped on every object; a cluster-scoped policy must not carry one.
    if (this.apiObject.metadata.namespace !== undefined) this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}

/** Cilium only: no pod may reach the cloud metadata endpoints (169.254.169.254, fd00:ec2::254), whatever else allows it. */
export class CloudMetadataGuard extends ClusterGuard {
  public constructor(scope: Construct, id: string, props: ClusterGuardProps = {}) {
    super(scope, id, props.name ?? 'deny-cloud-metadata', props, {
      description: 'No pod reaches the cloud metadata endpoints (deny wins over every allow); isolates nothing',
      egressDeny: [{ toCidrSet: CLOUD_METADATA_CIDRS.map((cidr) => ({ cidr })) }],
    });
  }
}

export interface ClusterDnsVisibilityProps extends ClusterGuardProps {
  /** @default ClusterDns.kubeDns() */
  readonly dns?: ClusterDns;
}

/**
 * Cilium only: every pod's DNS goes through Cilium's DNS proxy (all queries allowed), so that `toFQDNs` rules work in
 * any policy; isolates nothing.
 */
export class ClusterDnsVisibility extends ClusterGuard {
  public constructor(scope: Construct, id: string, props: ClusterDnsVisibilityProps = {}) {
    const dns = props.dns ?? ClusterDns.kubeDns();
    super(scope, id, props.name ?? 'cluster-dns-visibility', props, {
      description: 'DNS of every pod passes the Cilium DNS proxy, so toFQDNs rules learn addresses; isolates nothing',
      egress: [{
        toEndpoints: [{ matchLabels: { [CILIUM_NAMESPACE_KEY]: dns.namespace, ...dns.podLabels } }],
        toPorts: [{
          ports: dns.ports.flatMap((port) => [Protocol.TCP, Protocol.UDP].map((protocol) => ({ port: String(port), protocol }))),
          rules: { dns: [{ matchPattern: '*' }] },
        }],
      }],
    });
  }
}
