import { FindingSink, pointer } from './findings';

/**
 * Field names of the v1.20 CRD schema (CNP/CCNP) and of networking.k8s.io/v1 NetworkPolicy, where a typo changes
 * meaning: the API server prunes unknown fields by default (`ingres:` silently becomes "deny all ingress") and
 * kubectl's strict validation rejects them. test/known-fields.test.ts compares the Cilium tables with the CRDs.
 */
export const CILIUM_FIELDS = {
  policy: ['apiVersion', 'kind', 'metadata', 'spec', 'specs', 'status'],
  rule: ['description', 'egress', 'egressDeny', 'enableDefaultDeny', 'endpointSelector', 'ingress', 'ingressDeny', 'labels', 'log', 'nodeSelector'],
  ingress: ['authentication', 'fromCIDR', 'fromCIDRSet', 'fromEndpoints', 'fromEntities', 'fromGroups', 'fromNodes', 'fromRequires', 'icmps', 'toPorts'],
  ingressDeny: ['fromCIDR', 'fromCIDRSet', 'fromEndpoints', 'fromEntities', 'fromGroups', 'fromNodes', 'fromRequires', 'icmps', 'toPorts'],
  egress: ['authentication', 'icmps', 'toCIDR', 'toCIDRSet', 'toEndpoints', 'toEntities', 'toFQDNs', 'toGroups', 'toNodes', 'toPorts', 'toRequires', 'toServices'],
  egressDeny: ['icmps', 'toCIDR', 'toCIDRSet', 'toEndpoints', 'toEntities', 'toGroups', 'toNodes', 'toPorts', 'toRequires', 'toServices'],
  portRule: ['listener', 'originatingTLS', 'ports', 'rules', 'serverNames', 'terminatingTLS'],
  port: ['endPort', 'port', 'protocol'],
  cidrRule: ['cidr', 'cidrGroupRef', 'cidrGroupSelector', 'except'],
  icmpField: ['family', 'type'],
};

export const NETWORK_POLICY_FIELDS = {
  policy: ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  spec: ['egress', 'ingress', 'podSelector', 'policyTypes'],
  ingress: ['from', 'ports'],
  egress: ['ports', 'to'],
  peer: ['ipBlock', 'namespaceSelector', 'podSelector'],
  ipBlock: ['cidr', 'except'],
  port: ['endPort', 'port', 'protocol'],
  selector: ['matchExpressions', 'matchLabels'],
};

/** Reports each key of `object` that `known` does not list. */
export function checkKnownFields(sink: FindingSink, object: unknown, known: readonly string[], path: string, what: string): void {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return;
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      const near = known.find((k) => k.toLowerCase() === key.toLowerCase() || k.startsWith(key) || key.startsWith(k));
      sink.error(pointer(path, key), `unknown field ${JSON.stringify(key)} in ${what}: the API server prunes it (kubectl --validate=strict rejects it)${near ? `; did you mean ${near}?` : ''}`);
    }
  }
}
