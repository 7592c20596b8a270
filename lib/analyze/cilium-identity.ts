import { Endpoint, Pod } from './inventory';

/** One label of a Cilium security identity. */
export interface IdentityLabel {
  readonly source: string;
  readonly key: string;
  readonly value: string;
}

export const POD_NAMESPACE_KEY = 'io.kubernetes.pod.namespace';
export const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';

/** Keys kept in the identity even though they match an exclusion below (pkg/labelsfilter defaults). */
const KEPT = [POD_NAMESPACE_KEY, NAMESPACE_LABELS_PREFIX, 'app.kubernetes.io', 'io.cilium.k8s.policy.'];
const EXCLUDED_PREFIXES = ['io.kubernetes', 'kubernetes.io', 'k8s.io', 'topology.kubernetes.io', 'annotation'];
const EXCLUDED_KEYS = [
  'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'batch.kubernetes.io/job-completion-index',
  'batch.kubernetes.io/controller-uid', 'controller-uid', 'pod-template-hash', 'pod-template-generation',
  'controller-revision-hash', 'etcd_node',
];

/** Whether Cilium keeps a pod label in the security identity (selectors on dropped labels never match). */
export function isIdentityLabel(key: string): boolean {
  if (KEPT.some((k) => key.startsWith(k))) return true;
  if (EXCLUDED_KEYS.includes(key) || key.includes('beta.kubernetes.io')) return false;
  return !EXCLUDED_PREFIXES.some((p) => key.startsWith(p));
}

/** Identity labels by key, for selector matching. */
export type Identity = ReadonlyMap<string, readonly IdentityLabel[]>;

function indexed(labels: IdentityLabel[]): Identity {
  const index = new Map<string, IdentityLabel[]>();
  for (const label of labels) index.set(label.key, [...(index.get(label.key) ?? []), label]);
  return index;
}

const podIdentities = new WeakMap<Pod, Identity>();
const reservedIdentities = new Map<string, Identity>();

export function podIdentity(pod: Pod): Identity {
  let identity = podIdentities.get(pod);
  if (!identity) {
    identity = indexed([
      ...Object.entries(pod.labels).filter(([k]) => isIdentityLabel(k)).map(([key, value]) => ({ source: 'k8s', key, value })),
      { source: 'k8s', key: POD_NAMESPACE_KEY, value: pod.namespace },
      ...Object.entries(pod.namespaceLabels).map(([k, value]) => ({ source: 'k8s', key: NAMESPACE_LABELS_PREFIX + k, value })),
      { source: 'k8s', key: 'io.cilium.k8s.policy.serviceaccount', value: pod.serviceAccount },
      { source: 'k8s', key: 'io.cilium.k8s.policy.cluster', value: 'default' },
    ]);
    podIdentities.set(pod, identity);
  }
  return identity;
}

export function endpointIdentity(endpoint: Endpoint): Identity {
  if (endpoint.kind === 'pod') return podIdentity(endpoint.pod);
  const entity = endpoint.kind === 'reserved' ? endpoint.entity : 'world';
  let identity = reservedIdentities.get(entity);
  if (!identity) {
    identity = indexed([{ source: 'reserved', key: entity, value: '' }]);
    reservedIdentities.set(entity, identity);
  }
  return identity;
}

export function splitKey(selectorKey: string): { source: string; key: string } {
  const colon = selectorKey.indexOf(':');
  return colon < 0 ? { source: 'any', key: selectorKey } : { source: selectorKey.slice(0, colon), key: selectorKey.slice(colon + 1) };
}

/** A Cilium EndpointSelector, parsed once; `any:` (no prefix) matches labels of every source. */
export type EndpointMatcher = (identity: Identity) => boolean;

export function compileEndpointSelector(selector: any): EndpointMatcher {
  const requirements = [
    ...Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => ({ ...splitKey(key), operator: 'In', values: [value as string] })),
    ...(selector?.matchExpressions ?? []).map((e: any) => ({ ...splitKey(e.key), operator: e.operator as string, values: (e.values ?? []) as string[] })),
  ];
  return (identity) => requirements.every((r) => {
    const found = (identity.get(r.key) ?? []).filter((l) => r.source === 'any' || l.source === r.source);
    switch (r.operator) {
      case 'In': return found.some((l) => r.values.includes(l.value));
      case 'NotIn': return !found.some((l) => r.values.includes(l.value));
      case 'Exists': return found.length > 0;
      case 'DoesNotExist': return found.length === 0;
      default: return false;
    }
  });
}

function selectorKeys(selector: any): string[] {
  return [...Object.keys(selector?.matchLabels ?? {}), ...(selector?.matchExpressions ?? []).map((e: any) => e.key)];
}

/**
 * A from/toEndpoints selector as the agent rewrites it: scoped to the policy's namespace (CNP) or to all pods (CCNP)
 * unless it names a namespace, namespace labels or a reserved identity.
 */
export function scopePeerSelector(selector: any, policyNamespace: string | undefined): any {
  const keys = selectorKeys(selector).map(splitKey);
  if (keys.some((k) => k.source === 'reserved' || k.key === POD_NAMESPACE_KEY || k.key.startsWith(NAMESPACE_LABELS_PREFIX))) {
    return selector;
  }
  return policyNamespace === undefined
    ? { ...selector, matchExpressions: [...(selector?.matchExpressions ?? []), { key: `k8s:${POD_NAMESPACE_KEY}`, operator: 'Exists' }] }
    : { ...selector, matchLabels: { ...selector?.matchLabels, [`k8s:${POD_NAMESPACE_KEY}`]: policyNamespace } };
}

/** A CNP endpointSelector: the policy's namespace always replaces a `k8s:` namespace key. */
export function scopeSubjectSelector(selector: any, policyNamespace: string | undefined): any {
  if (policyNamespace === undefined) return selector;
  return { ...selector, matchLabels: { ...selector?.matchLabels, [`k8s:${POD_NAMESPACE_KEY}`]: policyNamespace } };
}

/** Cilium FQDN selector semantics: names are case-insensitive, the trailing dot implied, `*` one label fragment. */
export function matchesFqdn(selector: any, name: string): boolean {
  const normal = (s: string) => s.toLowerCase().replace(/\.$/, '');
  const target = normal(name);
  if (typeof selector?.matchName === 'string') return normal(selector.matchName) === target;
  if (typeof selector?.matchPattern !== 'string') return false;
  const pattern = normal(selector.matchPattern);
  if (pattern === '*') return true;
  const multiLevel = pattern.startsWith('**.');
  const body = (multiLevel ? pattern.slice(3) : pattern).split('.').map((part) =>
    part.split('*').join('[-a-z0-9_]*')).join('\\.');
  return new RegExp(`^${multiLevel ? '([-a-z0-9_]+\\.)+' : ''}${body}$`).test(target);
}
