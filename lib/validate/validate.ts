import { parseCidr } from '../common/cidr';
import { expandLists } from '../common/manifest-list';
import { isDnsLabel, isDnsSubdomain } from '../common/syntax';
import { checkCiliumPolicy } from './cilium-rules';
import { Finding, FindingSink } from './findings';
import { checkNetworkPolicy } from './network-policy-rules';
import { ValidatorOptions, withDefaults } from './options';

const CILIUM_POLICIES = ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'];

/**
 * Checks NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy and CiliumCIDRGroup objects against their
 * schemas and against every condition under which the Cilium agent drops a policy the API server accepted.
 * Other kinds are ignored; `List` objects are expanded. A manifest is invalid exactly when an error finding names it.
 */
export function validateManifests(manifests: readonly object[], options: ValidatorOptions = {}): Finding[] {
  const flags = withDefaults(options);
  const findings: Finding[] = [];
  for (const manifest of expandLists(manifests) as any[]) {
    const kind = manifest?.kind;
    if (kind !== 'NetworkPolicy' && kind !== 'CiliumCIDRGroup' && !CILIUM_POLICIES.includes(kind)) continue;
    const sink = new FindingSink(manifest);
    checkMetadata(manifest, sink);
    if (kind === 'NetworkPolicy') checkNetworkPolicy(manifest, sink);
    else if (kind === 'CiliumCIDRGroup') checkCidrGroup(manifest, sink);
    else checkCiliumPolicy(manifest, sink, flags);
    findings.push(...sink.findings);
  }
  return findings;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

function checkMetadata(manifest: any, sink: FindingSink): void {
  const name = manifest?.metadata?.name;
  if (typeof name !== 'string' || name.length === 0) sink.error('/metadata/name', 'metadata.name is required');
  else if (!isDnsSubdomain(name)) sink.error('/metadata/name', `metadata.name must be a DNS subdomain: lower case alphanumerics, - and ., at most 253 characters (got ${JSON.stringify(name)})`);
  const namespace = manifest?.metadata?.namespace;
  if (namespace !== undefined && manifest.kind !== 'CiliumClusterwideNetworkPolicy' && (typeof namespace !== 'string' || !isDnsLabel(namespace))) {
    sink.error('/metadata/namespace', `a namespace is a DNS label: lower case alphanumerics and -, at most 63 characters (got ${JSON.stringify(namespace)})`);
  }
}

function checkCidrGroup(manifest: any, sink: FindingSink): void {
  if (manifest.apiVersion !== 'cilium.io/v2' && manifest.apiVersion !== 'cilium.io/v2alpha1') {
    sink.error('/apiVersion', `CiliumCIDRGroup is served as cilium.io/v2 (and deprecated v2alpha1) (got ${JSON.stringify(manifest.apiVersion)})`);
  }
  if (manifest.apiVersion === 'cilium.io/v2alpha1') sink.warning('/apiVersion', 'cilium.io/v2alpha1 CiliumCIDRGroup is deprecated; use cilium.io/v2');
  const cidrs = manifest.spec?.externalCIDRs;
  if (!Array.isArray(cidrs)) return sink.error('/spec/externalCIDRs', 'externalCIDRs is required: a list of CIDRs');
  cidrs.forEach((c: unknown, i: number) => {
    if (typeof c !== 'string' || !parseCidr(c)) sink.error(`/spec/externalCIDRs/${i}`, `must be a CIDR (format: cidr) (got ${JSON.stringify(c)})`);
  });
}
