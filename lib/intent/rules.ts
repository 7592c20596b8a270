import { Peer } from './peer';
import { Port } from './port';

/** Traffic the selected pods accept. */
export interface IngressRule {
  /** Who may connect; at least one peer. */
  readonly from: Peer[];
  /**
   * Destination ports on the selected pods.
   * @default - every port and protocol
   */
  readonly ports?: Port[];
}

/** Traffic the selected pods may send. */
export interface EgressRule {
  /** Where to; at least one peer. */
  readonly to: Peer[];
  /**
   * Destination ports. Required (and never "all ports") for addresses and DNS names outside the cluster.
   * @default - every port and protocol
   */
  readonly ports?: Port[];
}

/** Which directions the policy isolates: what no rule allows is denied. */
export interface DefaultDeny {
  /** @default true */
  readonly ingress?: boolean;
  /** @default true */
  readonly egress?: boolean;
}
