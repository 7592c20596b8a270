/** Cilium agent and operator flags that change what the agent accepts. Defaults are Cilium v1.20's. */
export interface ValidatorOptions {
  /** `enable-l7-proxy`. @default true */
  readonly enableL7Proxy?: boolean;
  /** `enable-icmp-rules`. @default true */
  readonly enableIcmpRules?: boolean;
  /** `enable-node-selector-labels` (fromNodes/toNodes). @default false */
  readonly enableNodeSelectorLabels?: boolean;
  /** `enable-extended-ip-protocols` (portless VRRP, GRE, ESP, …). @default false */
  readonly enableExtendedIpProtocols?: boolean;
  /** operator `mesh-auth-enabled` (`authentication` on rules). @default false */
  readonly meshAuthEnabled?: boolean;
}

export function withDefaults(options: ValidatorOptions = {}): Required<ValidatorOptions> {
  return {
    enableL7Proxy: options.enableL7Proxy ?? true,
    enableIcmpRules: options.enableIcmpRules ?? true,
    enableNodeSelectorLabels: options.enableNodeSelectorLabels ?? false,
    enableExtendedIpProtocols: options.enableExtendedIpProtocols ?? false,
    meshAuthEnabled: options.meshAuthEnabled ?? false,
  };
}
