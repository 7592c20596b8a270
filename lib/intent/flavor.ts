/** Which policy API a construct writes. */
export enum PolicyFlavor {
  /** networking.k8s.io/v1 NetworkPolicy: any CNI that enforces NetworkPolicy. */
  KUBERNETES = 'kubernetes',
  /** cilium.io/v2 CiliumNetworkPolicy: entities, DNS names, deny rules. */
  CILIUM = 'cilium',
}

export enum Direction {
  INGRESS = 'ingress',
  EGRESS = 'egress',
}
