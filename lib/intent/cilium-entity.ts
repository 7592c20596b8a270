import { CiliumNetworkPolicySpecEgressToEntities as Entities } from '../../imports/cilium.io';

/** A Cilium entity (`toEntities` / `fromEntities`); the set is the one the v1.20 CRD accepts. */
export class CiliumEntity {
  /** Everything, inside and outside the cluster. */
  public static readonly ALL = new CiliumEntity(Entities.ALL, 'use Peer.allPods() for pods and Peer.cidr(...) with explicit ports for outside addresses');
  /** Everything outside the cluster (0.0.0.0/0 and ::/0, but never pods). */
  public static readonly WORLD = new CiliumEntity(Entities.WORLD, "use Peer.cidr('0.0.0.0/0') with explicit ports; note that in NetworkPolicy an ipBlock also matches pod IPs");
  /** Every endpoint of the local cluster, nodes included. */
  public static readonly CLUSTER = new CiliumEntity(Entities.CLUSTER, 'use Peer.allPods(); NetworkPolicy cannot select nodes');
  /** Every endpoint of every meshed cluster (new in Cilium 1.20). */
  public static readonly CLUSTER_MESH = new CiliumEntity(Entities.CLUSTER_HYPHEN_MESH, 'NetworkPolicy has no cluster-mesh peer; use Peer.allPods() for the local cluster');
  /** The local node, including host-network pods. */
  public static readonly HOST = new CiliumEntity(Entities.HOST, 'NetworkPolicy always admits ingress from the local node; for other node traffic use Peer.cidr(...) of the node IPs');
  /** Other nodes of the cluster. */
  public static readonly REMOTE_NODE = new CiliumEntity(Entities.REMOTE_HYPHEN_NODE, 'use Peer.cidr(...) of the node IPs');
  /** The Kubernetes API server, wherever it runs. */
  public static readonly KUBE_APISERVER = new CiliumEntity(Entities.KUBE_HYPHEN_APISERVER, 'use Peer.kubeApiServerEndpoints(...) with the endpoint IPs of default/kubernetes (kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes)');
  /** Cilium's Envoy for Ingress and Gateway API (hairpin traffic). */
  public static readonly INGRESS = new CiliumEntity(Entities.INGRESS, 'use Peer.pods(...) that selects your ingress controller or gateway pods');
  /** Endpoints whose identity is not resolved yet. */
  public static readonly INIT = new CiliumEntity(Entities.INIT, 'NetworkPolicy has no equivalent');
  /** cilium-health endpoints. */
  public static readonly HEALTH = new CiliumEntity(Entities.HEALTH, 'NetworkPolicy has no equivalent');
  /** Endpoints not managed by Cilium. */
  public static readonly UNMANAGED = new CiliumEntity(Entities.UNMANAGED, 'NetworkPolicy has no equivalent');
  /** Nothing. */
  public static readonly NONE = new CiliumEntity(Entities.NONE, 'leave the peer out');

  private constructor(
    /** The entity name written into the policy. */
    public readonly name: string,
    /** What to use in a NetworkPolicy instead. */
    public readonly kubernetesAlternative: string,
  ) {}

  /** True for entities that reach outside the cluster. */
  public get isExternal(): boolean {
    return this.name === Entities.WORLD || this.name === Entities.ALL;
  }

  public toString(): string {
    return `CiliumEntity(${this.name})`;
  }
}
