import { PolicyFlavor } from '../intent/flavor';
import { Peer } from '../intent/peer';
import { Port } from '../intent/port';
import { EgressRule } from '../intent/rules';

/** How pods of this cluster reach the Kubernetes API server. */
export class ApiServerAccess {
  /** Cilium: the `kube-apiserver` entity, on 443 and 6443 (the port after DNAT differs between distributions). */
  public static ciliumEntity(ports: Port[] = [Port.tcp(443), Port.tcp(6443)]): ApiServerAccess {
    return new ApiServerAccess(Peer.kubeApiServer(), ports);
  }

  /** NetworkPolicy: the endpoint addresses of default/kubernetes (after DNAT), on the endpoint port. */
  public static endpoints(cidrs: string[], ports: Port[] = [Port.tcp(443)]): ApiServerAccess {
    return new ApiServerAccess(Peer.kubeApiServerEndpoints(...cidrs), ports);
  }

  /** What a flavor uses when nothing is configured, if it can do without configuration. */
  public static defaultFor(flavor: PolicyFlavor): ApiServerAccess | undefined {
    return flavor === PolicyFlavor.CILIUM ? ApiServerAccess.ciliumEntity() : undefined;
  }

  private constructor(private readonly peer: Peer, private readonly ports: Port[]) {}

  public egressRule(): EgressRule {
    return { to: [this.peer], ports: [...this.ports] };
  }
}
