import { PolicyFlavor, Port } from '../lib';

/** What differs between the clusters the reference platform is deployed to. */
export interface Environment {
  /** Output folder under dist/. */
  readonly name: string;
  /** The policy API the cluster's CNI enforces. */
  readonly flavor: PolicyFlavor;
  /** Example 2: the one outside range `ai-workload` may reach, with its ports. */
  readonly aiWorkloadExternal: { readonly cidr: string; readonly ports: Port[] };
}

export const ENVIRONMENTS: readonly Environment[] = [
  {
    // kind with kindnet (>= 1.32) or any CNI that enforces NetworkPolicy.
    name: 'dev',
    flavor: PolicyFlavor.KUBERNETES,
    aiWorkloadExternal: { cidr: '198.51.100.0/24', ports: [Port.tcp(443)] },
  },
  {
    name: 'prod',
    flavor: PolicyFlavor.CILIUM,
    aiWorkloadExternal: { cidr: '203.0.113.0/24', ports: [Port.tcp(443)] },
  },
];
