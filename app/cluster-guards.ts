import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CloudMetadataGuard, ClusterDnsVisibility } from '../lib';

/**
 * Cilium clusters: the cluster-wide guards, in a chart without a namespace. No pod reaches the cloud metadata
 * endpoints (kube-system's node agents excepted), and every pod's DNS passes the DNS proxy so toFQDNs rules work.
 */
export class ClusterGuardsChart extends Chart {
  public constructor(scope: Construct) {
    super(scope, 'cluster');
    new CloudMetadataGuard(this, 'CloudMetadata', { exceptNamespaces: ['kube-system'] });
    new ClusterDnsVisibility(this, 'DnsVisibility');
  }
}
