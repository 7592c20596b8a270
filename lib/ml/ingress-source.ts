import { CiliumEntity } from '../intent/cilium-entity';
import { NamespaceSelector } from '../intent/namespace-selector';
import { Peer } from '../intent/peer';

/** The proxies and scrapers that call ML workloads, as peers with the labels their projects set. */
export class IngressSource {
  /** Pods of a Gateway API gateway (GEP-1762 label `gateway.networking.k8s.io/gateway-name`). */
  public static gatewayApi(gatewayName: string, namespace: string): Peer {
    return Peer.pods({ labels: { 'gateway.networking.k8s.io/gateway-name': gatewayName }, namespaces: NamespaceSelector.named(namespace) });
  }

  /** Envoy Gateway proxies of one Gateway. */
  public static envoyGateway(gatewayName: string, gatewayNamespace: string, namespace = 'envoy-gateway-system'): Peer {
    return Peer.pods({
      labels: { 'gateway.envoyproxy.io/owning-gateway-name': gatewayName, 'gateway.envoyproxy.io/owning-gateway-namespace': gatewayNamespace },
      namespaces: NamespaceSelector.named(namespace),
    });
  }

  /** The Istio ingress gateway. */
  public static istioGateway(namespace = 'istio-system', podLabels: { readonly [key: string]: string } = { istio: 'ingressgateway' }): Peer {
    return Peer.pods({ labels: podLabels, namespaces: NamespaceSelector.named(namespace) });
  }

  /** The Kourier gateway of Knative. */
  public static kourier(): Peer {
    return Peer.pods({ labels: { app: '3scale-kourier-gateway' }, namespaces: NamespaceSelector.named('kourier-system') });
  }

  /** The ingress-nginx controller (retired upstream in March 2026; legacy clusters only). */
  public static ingressNginx(namespace = 'ingress-nginx'): Peer {
    return Peer.pods({
      labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
      namespaces: NamespaceSelector.named(namespace),
    });
  }

  /** Cilium Ingress / Gateway API traffic (the reserved `ingress` identity); cilium flavor only. */
  public static ciliumIngress(): Peer {
    return Peer.entity(CiliumEntity.INGRESS);
  }

  /** Prometheus of kube-prometheus-stack. */
  public static prometheus(namespace = 'monitoring', podLabels: { readonly [key: string]: string } = { 'app.kubernetes.io/name': 'prometheus' }): Peer {
    return Peer.pods({ labels: podLabels, namespaces: NamespaceSelector.named(namespace) });
  }
}
