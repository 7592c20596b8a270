import { Construct } from 'constructs';
import { Problems } from '../errors';
import { ClusterDns } from '../intent/cluster-dns';
import { PolicyFlavor } from '../intent/flavor';
import { EgressRule } from '../intent/rules';
import { ApiServerAccess } from '../ml/api-server-access';
import { ExternalService } from '../ml/external-service';
import { NamespaceBaseline } from './namespace-baseline';

/** Argo CD settings written as annotations on every object. */
export interface ArgoCdOptions {
  /**
   * `argocd.argoproj.io/sync-wave`: apply policies before the workloads they protect (e.g. -1).
   * @default - no wave
   */
  readonly syncWave?: number;
  /**
   * `SkipDryRunOnMissingResource=true`, for Cilium policies synced before the Cilium CRDs exist.
   * @default false
   */
  readonly skipDryRunOnMissingResource?: boolean;
}

export function argoCdAnnotations(options: ArgoCdOptions | undefined): { [key: string]: string } | undefined {
  if (!options) return undefined;
  const annotations: { [key: string]: string } = {};
  if (options.syncWave !== undefined) annotations['argocd.argoproj.io/sync-wave'] = String(options.syncWave);
  if (options.skipDryRunOnMissingResource) annotations['argocd.argoproj.io/sync-options'] = 'SkipDryRunOnMissingResource=true';
  return Object.keys(annotations).length ? annotations : undefined;
}

/** Props the ML constructs share. */
export interface MLPolicyCommonProps {
  /** Namespace of the workload and of the policies. */
  readonly namespace: string;
  /** @default PolicyFlavor.KUBERNETES */
  readonly flavor?: PolicyFlavor;
  /** @default ClusterDns.kubeDns() */
  readonly dns?: ClusterDns;
  /**
   * How this cluster's pods reach the API server, for whatever is granted `kubeApiServer`.
   * @default - ApiServerAccess.ciliumEntity() in the cilium flavor; none in the kubernetes flavor
   */
  readonly apiServer?: ApiServerAccess;
  /** @default true */
  readonly blockCloudMetadata?: boolean;
  /**
   * Prefix of every `metadata.name`.
   * @default - none
   */
  readonly namePrefix?: string;
  /**
   * Extra `metadata.labels`.
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };
  /** @default - no Argo CD annotations */
  readonly argoCd?: ArgoCdOptions;
  /**
   * Also write the namespace baseline (`default-deny-all` and `allow-cluster-dns` for every pod of the namespace),
   * once per namespace however many constructs ask, so pods that start before their policy are isolated too.
   * @default false
   */
  readonly namespaceDefaultDeny?: boolean;
}

/** Writes the namespace baseline when the props ask for it. */
export function ensureBaseline(scope: Construct, props: MLPolicyCommonProps): void {
  if (props.namespaceDefaultDeny) {
    NamespaceBaseline.ensure(scope, { namespace: props.namespace, flavor: props.flavor, dns: props.dns, annotations: argoCdAnnotations(props.argoCd) });
  }
}

/** The WorkloadPolicy props every policy of an ML construct shares. */
export function commonPolicyProps(props: MLPolicyCommonProps) {
  return {
    namespace: props.namespace,
    flavor: props.flavor ?? PolicyFlavor.KUBERNETES,
    dns: props.dns,
    blockCloudMetadata: props.blockCloudMetadata,
    labels: props.labels,
    annotations: argoCdAnnotations(props.argoCd),
  };
}

/** Egress rules for external services, after checking each can be written in `flavor`. */
export function externalServiceRules(
  services: readonly ExternalService[] | undefined,
  flavor: PolicyFlavor,
  field: string,
  problems: Problems,
): EgressRule[] {
  return (services ?? []).flatMap((service, i) => {
    const problem = service.problemIn(flavor);
    if (problem) {
      problems.add(`${field}[${i}]`, service, problem);
      return [];
    }
    return [service.egressRule(flavor)];
  });
}

/** The API server egress rule, or a problem when the flavor needs configuration that is missing. */
export function apiServerRules(
  granted: boolean | undefined,
  props: MLPolicyCommonProps,
  field: string,
  problems: Problems,
): EgressRule[] {
  if (!granted) return [];
  const access = props.apiServer ?? ApiServerAccess.defaultFor(props.flavor ?? PolicyFlavor.KUBERNETES);
  if (!access) {
    problems.add(field, granted, 'NetworkPolicy reaches the API server by its endpoint addresses; set apiServer: ApiServerAccess.endpoints([...]) (kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes)');
    return [];
  }
  return [access.egressRule()];
}
