import { Problems } from '../errors';
import { parseCidr } from '../common/cidr';
import { NamespaceSelector } from './namespace-selector';
import { Peer } from './peer';
import { Port } from './port';

export interface ClusterDnsOptions {
  /**
   * Namespace of the DNS pods.
   * @default 'kube-system' ('openshift-dns' for openShift())
   */
  readonly namespace?: string;
  /**
   * Labels of the DNS pods.
   * @default { 'k8s-app': 'kube-dns' } ({ 'dns.operator.openshift.io/daemonset-dns': 'default' } for openShift())
   */
  readonly podLabels?: { readonly [key: string]: string };
  /**
   * Ports the DNS pods listen on (policies see the pod port, after Service DNAT); always UDP and TCP.
   * @default [53] ([5353] for openShift())
   */
  readonly ports?: number[];
  /**
   * Resolver addresses outside the pod network, such as NodeLocal DNSCache, allowed on the DNS ports only.
   * @default - none (['169.254.20.10/32'] for nodeLocal())
   */
  readonly resolverCidrs?: string[];
  /**
   * Cilium flavor: send DNS through Cilium's DNS proxy (`rules.dns: [{matchPattern: '*'}]`), which
   * `Peer.dnsName()` needs to learn addresses.
   * @default true
   */
  readonly ciliumDnsVisibility?: boolean;
}

/** Where the selected pods resolve names. Allowed by default; switch off with ClusterDns.disabled(). */
export class ClusterDns {
  public static kubeDns(options: ClusterDnsOptions = {}): ClusterDns {
    return new ClusterDns(true, 'kube-system', { 'k8s-app': 'kube-dns' }, [53], [], options);
  }

  public static openShift(options: ClusterDnsOptions = {}): ClusterDns {
    return new ClusterDns(true, 'openshift-dns', { 'dns.operator.openshift.io/daemonset-dns': 'default' }, [5353], [], options);
  }

  /** NodeLocal DNSCache on 169.254.20.10 in front of kube-dns. */
  public static nodeLocal(options: ClusterDnsOptions = {}): ClusterDns {
    return new ClusterDns(true, 'kube-system', { 'k8s-app': 'kube-dns' }, [53], ['169.254.20.10/32'], options);
  }

  /** No DNS rule: the selected pods cannot resolve names unless another rule allows it. */
  public static disabled(): ClusterDns {
    return new ClusterDns(false, 'kube-system', {}, [], [], {});
  }

  public readonly namespace: string;
  public readonly podLabels: { readonly [key: string]: string };
  public readonly ports: readonly number[];
  public readonly resolverCidrs: readonly string[];
  public readonly ciliumDnsVisibility: boolean;

  private constructor(
    public readonly enabled: boolean,
    namespace: string,
    podLabels: { readonly [key: string]: string },
    ports: number[],
    resolverCidrs: string[],
    options: ClusterDnsOptions,
  ) {
    this.namespace = options.namespace ?? namespace;
    this.podLabels = options.podLabels ?? podLabels;
    this.ports = options.ports ?? ports;
    this.resolverCidrs = options.resolverCidrs ?? resolverCidrs;
    this.ciliumDnsVisibility = enabled && (options.ciliumDnsVisibility ?? true);
  }

  /** The DNS servers as peers. */
  public peers(): Peer[] {
    return [
      Peer.clusterDns(this),
      ...this.resolverCidrs.map((cidr) => Peer.cidr(cidr)),
    ];
  }

  /** The DNS ports, UDP and TCP. */
  public portList(): Port[] {
    return this.ports.flatMap((p) => [Port.udp(p), Port.tcp(p)]);
  }

  /** @internal */
  public _checkInto(problems: Problems, field: string): void {
    if (!this.enabled) return;
    if (Object.keys(this.podLabels).length === 0) {
      problems.add(`${field}.podLabels`, this.podLabels, 'select the DNS pods by at least one label');
    }
    if (this.ports.length === 0) problems.add(`${field}.ports`, this.ports, 'name at least one DNS port');
    this.peers().forEach((peer) => peer._spec.kind === 'pods' && peer._spec.pods._checkInto(problems, `${field}.podLabels`));
    NamespaceSelector.named(this.namespace)._checkInto(problems, `${field}.namespace`);
    this.portList().forEach((port) => port._checkInto(problems, `${field}.ports`));
    for (const cidr of this.resolverCidrs) {
      if (!parseCidr(cidr)) problems.add(`${field}.resolverCidrs`, cidr, 'a resolver address must be a CIDR, e.g. 169.254.20.10/32');
    }
  }

  public toString(): string {
    return this.enabled ? `ClusterDns(${this.namespace}/${Object.entries(this.podLabels).map(([k, v]) => `${k}=${v}`).join(',')})` : 'ClusterDns.disabled()';
  }
}
