import { Problems } from '../errors';
import { cidrContainsCidr, parseCidr } from '../common/cidr';
import { isFqdnName, isFqdnPattern } from '../common/syntax';
import { CiliumEntity } from './cilium-entity';
import { Direction, PolicyFlavor } from './flavor';
import { LabelExpression, LabelSelector } from './label-selector';
import { NamespaceSelector } from './namespace-selector';

export interface PodPeerOptions {
  /**
   * Pod labels that must all match.
   * @default - every pod
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Pod label requirements that must all hold.
   * @default - none
   */
  readonly expressions?: LabelExpression[];
  /**
   * The namespaces the pods are in.
   * @default - the policy's own namespace
   */
  readonly namespaces?: NamespaceSelector;
}

/** @internal */
export type PeerSpec =
  | { readonly kind: 'pods'; readonly pods: LabelSelector; readonly namespaces?: NamespaceSelector }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly except: readonly string[] }
  | { readonly kind: 'dnsName'; readonly name: string }
  | { readonly kind: 'entity'; readonly entity: CiliumEntity }
  | { readonly kind: 'apiServerEndpoints'; readonly cidrs: readonly string[] };

/** The other end of a connection: pods, namespaces, addresses, DNS names or Cilium entities. */
export class Peer {
  /** Pods selected by labels, in the policy's namespace unless `namespaces` is given. */
  public static pods(options: PodPeerOptions = {}): Peer {
    const pods = LabelSelector.of({ labels: options.labels, expressions: options.expressions });
    return new Peer({ kind: 'pods', pods, namespaces: options.namespaces }, `Peer.pods(${pods}${options.namespaces ? ` in ${options.namespaces}` : ''})`);
  }

  /** Every pod of the selected namespaces. */
  public static namespaces(namespaces: NamespaceSelector): Peer {
    return new Peer({ kind: 'pods', pods: LabelSelector.all(), namespaces }, `Peer.namespaces(${namespaces})`);
  }

  /** Every pod of the policy's own namespace. */
  public static sameNamespace(): Peer {
    return new Peer({ kind: 'pods', pods: LabelSelector.all() }, 'Peer.sameNamespace()');
  }

  /** Every pod of every namespace (no nodes, no outside addresses). */
  public static allPods(): Peer {
    return new Peer({ kind: 'pods', pods: LabelSelector.all(), namespaces: NamespaceSelector.all() }, 'Peer.allPods()');
  }

  /** The cluster DNS pods (kube-system/k8s-app=kube-dns unless `dns` says otherwise). */
  public static clusterDns(dns: { readonly namespace: string; readonly podLabels: { readonly [key: string]: string } } = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } }): Peer {
    return new Peer({ kind: 'pods', pods: LabelSelector.labels(dns.podLabels), namespaces: NamespaceSelector.named(dns.namespace) }, `Peer.clusterDns(${dns.namespace})`);
  }

  /** Addresses in `cidr` but in none of `except`. Cilium never matches pods with it; NetworkPolicy may. */
  public static cidr(cidr: string, except: string[] = []): Peer {
    return new Peer({ kind: 'cidr', cidr, except }, `Peer.cidr("${cidr}"${except.length ? `, [${except.join(', ')}]` : ''})`);
  }

  /** A DNS name (`huggingface.co`) or pattern (`*.hf.co`); Cilium flavor only (toFQDNs). */
  public static dnsName(name: string): Peer {
    return new Peer({ kind: 'dnsName', name }, `Peer.dnsName("${name}")`);
  }

  /** A Cilium entity; Cilium flavor only. */
  public static entity(entity: CiliumEntity): Peer {
    return new Peer({ kind: 'entity', entity }, `Peer.entity(${entity.name})`);
  }

  /** The Kubernetes API server as the Cilium `kube-apiserver` entity; Cilium flavor only. */
  public static kubeApiServer(): Peer {
    return new Peer({ kind: 'entity', entity: CiliumEntity.KUBE_APISERVER }, 'Peer.kubeApiServer()');
  }

  /**
   * The Kubernetes API server by its endpoint addresses (after DNAT, so the endpoint port, 443 or 6443);
   * Kubernetes flavor only: Cilium ignores CIDR rules for node addresses.
   */
  public static kubeApiServerEndpoints(...cidrs: string[]): Peer {
    return new Peer({ kind: 'apiServerEndpoints', cidrs }, `Peer.kubeApiServerEndpoints(${cidrs.join(', ')})`);
  }

  private constructor(
    /** @internal */
    public readonly _spec: PeerSpec,
    private readonly label: string,
  ) {}

  /** True for address-based peers (CIDRs, DNS names, world, API server endpoints): egress to them must name its ports. */
  public get requiresPorts(): boolean {
    const spec = this._spec;
    return spec.kind === 'cidr' || spec.kind === 'dnsName' || spec.kind === 'apiServerEndpoints' || (spec.kind === 'entity' && spec.entity.isExternal);
  }

  /** @internal */
  public _checkInto(problems: Problems, field: string, flavor: PolicyFlavor, direction: Direction): void {
    const spec = this._spec;
    switch (spec.kind) {
      case 'pods':
        spec.pods._checkInto(problems, field);
        spec.namespaces?._checkInto(problems, `${field}.namespaces`);
        return;
      case 'cidr': {
        const cidr = parseCidr(spec.cidr);
        if (!cidr) {
          problems.add(field, this, 'a CIDR needs an IPv4 or IPv6 address and a prefix length, e.g. 203.0.113.0/24');
          return;
        }
        for (const text of spec.except) {
          const except = parseCidr(text);
          if (!except || !cidrContainsCidr(cidr, except)) {
            problems.add(field, this, `except ${text} must be a CIDR inside ${spec.cidr}`);
          }
        }
        return;
      }
      case 'dnsName':
        if (flavor === PolicyFlavor.KUBERNETES) {
          problems.add(field, this, 'NetworkPolicy cannot match DNS names; use Peer.cidr(...) with the addresses behind the name, or the cilium flavor');
        } else if (direction === Direction.INGRESS) {
          problems.add(field, this, 'DNS names can only be egress destinations (toFQDNs)');
        } else if (!(spec.name.includes('*') ? isFqdnPattern(spec.name) : isFqdnName(spec.name))) {
          problems.add(field, this, 'a DNS name is letters, digits, -, _ and dots (a pattern may also use *), at most 255 characters');
        }
        return;
      case 'entity':
        if (flavor === PolicyFlavor.KUBERNETES) {
          problems.add(field, this, `NetworkPolicy has no entities; ${spec.entity.kubernetesAlternative}`);
        }
        return;
      case 'apiServerEndpoints':
        if (flavor === PolicyFlavor.CILIUM) {
          problems.add(field, this, 'Cilium ignores CIDR rules for node addresses; use Peer.kubeApiServer() (toEntities: kube-apiserver)');
        } else if (spec.cidrs.length === 0) {
          problems.add(field, this, 'name at least one endpoint address, e.g. 10.0.0.1/32');
        }
        for (const text of spec.cidrs) {
          if (!parseCidr(text)) problems.add(field, text, 'an endpoint address must be a CIDR, e.g. 10.0.0.1/32');
        }
        return;
    }
  }

  public toString(): string {
    return this.label;
  }
}
