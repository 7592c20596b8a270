import { PolicyFlavor, Port } from '../lib';

/** What differs between the clusters the reference platform is deployed to. */
export interface Environment {
  /** Output folder under dist/. */
  readonly name: string;
  /** The policy API the cluster's CNI enforces. */
  readonly flavor: PolicyFlavor;
  /** Example 2: the one outside range `ai-workload` may reach, with its ports. */
  readonly aiWorkloadExternal: { readonly cidr: string; readonly ports: Port[] };
  /** AWS region of the S3 buckets (checkpoints, models). */
  readonly awsRegion: string;
  /** S3 address ranges of that region; required by the kubernetes flavor, which cannot match DNS names. */
  readonly s3Cidrs: string[];
  /** Endpoint addresses of default/kubernetes, for the kubernetes flavor (Cilium uses the kube-apiserver entity). */
  readonly apiServerEndpoints: string[];
  /** The cluster's name in Argo CD, where this environment's folder is synced. */
  readonly argoCdCluster: string;
}

export const ENVIRONMENTS: readonly Environment[] = [
  {
    // kind with kindnet (>= 1.32) or any CNI that enforces NetworkPolicy.
    name: 'dev',
    flavor: PolicyFlavor.KUBERNETES,
    aiWorkloadExternal: { cidr: '198.51.100.0/24', ports: [Port.tcp(443)] },
    awsRegion: 'us-east-1',
    s3Cidrs: ['52.216.0.0/15', '54.231.0.0/16'],
    apiServerEndpoints: ['172.18.0.2/32'],
    argoCdCluster: 'kind-dev',
  },
  {
    name: 'prod',
    flavor: PolicyFlavor.CILIUM,
    aiWorkloadExternal: { cidr: '203.0.113.0/24', ports: [Port.tcp(443)] },
    awsRegion: 'us-east-1',
    s3Cidrs: [],
    apiServerEndpoints: [],
    argoCdCluster: 'prod',
  },
];
