import { Construct } from 'constructs';
import { ClusterDns } from '../intent/cluster-dns';
import { PolicyFlavor } from '../intent/flavor';
import { Peer } from '../intent/peer';
import { EgressRule, IngressRule } from '../intent/rules';
import { WorkloadPolicy } from './workload-policy';

export interface NamespaceIsolationProps {
  /** The namespace to isolate. */
  readonly namespace: string;
  /**
   * `metadata.name` of the policy.
   * @default 'isolate-namespace'
   */
  readonly name?: string;
  /** @default PolicyFlavor.KUBERNETES */
  readonly flavor?: PolicyFlavor;
  /**
   * Pods of the namespace reach each other on every port (distributed training: NCCL, Gloo and MPI use
   * ephemeral ports). When false the namespace is deny-all except DNS.
   * @default true
   */
  readonly allowWithinNamespace?: boolean;
  /** @default ClusterDns.kubeDns() */
  readonly dns?: ClusterDns;
  /**
   * Further allowed incoming traffic.
   * @default - none
   */
  readonly ingress?: IngressRule[];
  /**
   * Further allowed outgoing traffic.
   * @default - none
   */
  readonly egress?: EgressRule[];
  /** @default - none */
  readonly annotations?: { readonly [key: string]: string };
}

/** Every pod of a namespace: default deny both ways, free traffic inside the namespace, cluster DNS. */
export class NamespaceIsolation extends Construct {
  public readonly policy: WorkloadPolicy;

  public constructor(scope: Construct, id: string, props: NamespaceIsolationProps) {
    super(scope, id);
    const within = props.allowWithinNamespace ?? true;
    this.policy = new WorkloadPolicy(this, 'Policy', {
      name: props.name ?? 'isolate-namespace',
      namespace: props.namespace,
      flavor: props.flavor,
      dns: props.dns,
      annotations: props.annotations,
      description: `Isolates namespace ${props.namespace}${within ? '; pods of the namespace reach each other' : ''}`,
      ingress: [...(within ? [{ from: [Peer.sameNamespace()] }] : []), ...(props.ingress ?? [])],
      egress: [...(within ? [{ to: [Peer.sameNamespace()] }] : []), ...(props.egress ?? [])],
    });
  }
}
