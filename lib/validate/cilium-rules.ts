import {
  CiliumNetworkPolicySpecEgressAuthenticationMode as AuthenticationModes,
  CiliumNetworkPolicySpecEgressIcmpsFieldsFamily as IcmpFamilies,
  CiliumNetworkPolicySpecEgressToEntities as Entities,
} from '../../imports/cilium.io';
import { cidrContainsCidr, parseCidr } from '../common/cidr';
import { isDnsSubdomain } from '../common/syntax';
import { isMetadataEndpoint } from '../intent/cloud-metadata';
import { checkFqdnSelector, Context, Direction, isObject, list, PEER_FIELDS } from './cilium-context';
import { checkL7Conflicts, checkPortRule } from './cilium-port-rules';
import { FindingSink, pointer } from './findings';
import { ICMP_SCHEMA_NAMES, ICMP_TYPES } from './icmp-types';
import { CILIUM_FIELDS, checkKnownFields } from './known-fields';
import { checkCiliumSelector } from './label-selector-rules';
import { ValidatorOptions } from './options';

const ENTITIES: readonly string[] = Object.values(Entities);
const ICMP_FAMILIES: readonly string[] = Object.values(IcmpFamilies);
const AUTHENTICATION_MODES: readonly string[] = Object.values(AuthenticationModes);

/** Go field names, as the agent prints them in "combining A and B". */
const GO_NAMES: { [field: string]: string } = {
  fromEndpoints: 'FromEndpoints', fromCIDR: 'FromCIDR', fromCIDRSet: 'FromCIDRSet', fromEntities: 'FromEntities', fromNodes: 'FromNodes',
  fromGroups: 'FromGroups', toEndpoints: 'ToEndpoints', toCIDR: 'ToCIDR', toCIDRSet: 'ToCIDRSet', toEntities: 'ToEntities',
  toServices: 'ToServices', toGroups: 'ToGroups', toNodes: 'ToNodes', toFQDNs: 'ToFQDNs',
};

/** CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy: the CRD schema and every agent-side rejection. */
export function checkCiliumPolicy(manifest: any, sink: FindingSink, options: Required<ValidatorOptions>): void {
  const clusterwide = manifest.kind === 'CiliumClusterwideNetworkPolicy';
  if (manifest.apiVersion !== 'cilium.io/v2') sink.error('/apiVersion', `${manifest.kind} is served as cilium.io/v2 only (got ${JSON.stringify(manifest.apiVersion)})`);
  if (clusterwide && manifest.metadata?.namespace) {
    sink.warning('/metadata/namespace', 'a CiliumClusterwideNetworkPolicy is cluster-scoped: the namespace is ignored and its selectors are not limited to it (a cdk8s Chart namespace is stamped on every object; keep CCNPs in a chart without one)');
  }
  checkKnownFields(sink, manifest, CILIUM_FIELDS.policy, '', manifest.kind);
  const rules: [string, any][] = [];
  if (manifest.spec === undefined && manifest.specs === undefined) {
    sink.error('', 'spec or specs must be provided (CRD rule); the agent reports "empty policy"');
  }
  if (manifest.spec !== undefined) rules.push(['/spec', manifest.spec]);
  list({ sink, options, clusterwide, hostPolicy: false }, manifest.specs, '/specs').forEach((rule, i) => rules.push([pointer('/specs', i), rule]));
  for (const [path, rule] of rules) {
    if (!isObject(rule)) {
      sink.error(path, 'a rule must be an object');
      continue;
    }
    checkRule(rule, path, { sink, options, clusterwide, hostPolicy: rule.nodeSelector !== undefined }, manifest);
  }
}

function checkRule(rule: Record<string, any>, path: string, ctx: Context, manifest: any): void {
  const { sink } = ctx;
  checkKnownFields(sink, rule, CILIUM_FIELDS.rule, path, 'a policy rule');
  const hasEndpoints = rule.endpointSelector !== undefined;
  const hasNodes = rule.nodeSelector !== undefined;
  if (!hasEndpoints && !hasNodes) sink.error(path, 'rule must have one of EndpointSelector or NodeSelector');
  if (hasEndpoints && hasNodes) sink.error(path, 'rule cannot have both EndpointSelector and NodeSelector');
  if (hasNodes && !ctx.clusterwide) {
    sink.error(pointer(path, 'nodeSelector'), 'Invalid CiliumNetworkPolicy spec: rule cannot have NodeSelector: host policies are CiliumClusterwideNetworkPolicy only (the operator still reports Valid=True, every agent drops the policy)');
  }
  if (hasEndpoints) {
    checkCiliumSelector(sink, pointer(path, 'endpointSelector'), rule.endpointSelector);
    if (!ctx.clusterwide) checkPinnedNamespace(rule.endpointSelector, pointer(path, 'endpointSelector'), manifest.metadata?.namespace ?? 'default', sink);
  }
  if (hasNodes) checkCiliumSelector(sink, pointer(path, 'nodeSelector'), rule.nodeSelector);

  const sections = ['ingress', 'ingressDeny', 'egress', 'egressDeny'] as const;
  const present = sections.filter((s) => rule[s] !== undefined);
  if (present.length === 0) {
    sink.error(path, 'the CRD requires at least one of ingress, ingressDeny, egress or egressDeny');
  } else if (present.every((s) => Array.isArray(rule[s]) && rule[s].length === 0)) {
    sink.error(path, 'rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny: every section is empty; write [{}] to deny all in a direction');
  }
  for (const section of sections) {
    const direction: Direction = section.startsWith('ingress') ? 'ingress' : 'egress';
    list(ctx, rule[section], pointer(path, section)).forEach((peerRule, i) =>
      checkPeerRule(peerRule, pointer(path, section, i), direction, section.endsWith('Deny'), ctx));
  }
  if (rule.enableDefaultDeny !== undefined) {
    if (!isObject(rule.enableDefaultDeny)) sink.error(pointer(path, 'enableDefaultDeny'), 'must be an object {ingress?: boolean, egress?: boolean}');
    else for (const d of ['ingress', 'egress']) {
      if (rule.enableDefaultDeny[d] !== undefined && typeof rule.enableDefaultDeny[d] !== 'boolean') sink.error(pointer(path, 'enableDefaultDeny', d), 'must be a boolean');
    }
  }
  list(ctx, rule.labels, pointer(path, 'labels')).forEach((label, i) => {
    if (!isObject(label) || typeof label.key !== 'string') sink.error(pointer(path, 'labels', i), 'a rule label needs a key');
  });
  if (rule.log?.value !== undefined && (typeof rule.log.value !== 'string' || rule.log.value.length > 32 || /\p{C}/u.test(rule.log.value))) {
    sink.error(pointer(path, 'log', 'value'), 'log.value must be at most 32 printable characters');
  }
  for (const section of ['ingress', 'egress'] as const) {
    if (Array.isArray(rule[section])) checkL7Conflicts(rule[section], pointer(path, section), section, sink);
  }
  const egress = Array.isArray(rule.egress) ? rule.egress : [];
  const usesFqdns = egress.some((r: any) => Array.isArray(r?.toFQDNs) && r.toFQDNs.length > 0);
  const dnsVisible = egress.some((r: any) => Array.isArray(r?.toPorts) && r.toPorts.some((pr: any) => Array.isArray(pr?.rules?.dns)));
  if (usesFqdns && !dnsVisible) {
    sink.warning(pointer(path, 'egress'), 'toFQDNs only learns addresses from DNS answers that pass Cilium\'s DNS proxy, and no rule here sends DNS through it; add an egress rule to the cluster DNS with toPorts rules.dns [{matchPattern: "*"}] (unless another policy selecting these pods does)');
  }
}

/** The namespace in a CNP endpointSelector: a `k8s:` key is overwritten by the policy's, any other is ANDed with it. */
function checkPinnedNamespace(selector: any, path: string, own: string, sink: FindingSink): void {
  for (const [key, value] of Object.entries(isObject(selector?.matchLabels) ? selector.matchLabels : {})) {
    if (value === own) continue;
    if (key === 'k8s:io.kubernetes.pod.namespace') {
      sink.warning(path, `the agent replaces the namespace in endpointSelector with the policy's own (${own}), so ${JSON.stringify(value)} is ignored; Cilium 1.21's operator marks this invalid`);
    } else if (key === 'io.kubernetes.pod.namespace' || key === 'any:io.kubernetes.pod.namespace') {
      sink.warning(path, `${key}=${JSON.stringify(value)} is ANDed with the policy's own namespace (${own}): this rule selects no pod; never put the namespace in endpointSelector`);
    }
  }
}

function checkPeerRule(rule: unknown, path: string, direction: Direction, deny: boolean, ctx: Context): void {
  const { sink, options } = ctx;
  if (!isObject(rule)) return sink.error(path, 'a rule must be an object');
  const section = `${direction}${deny ? 'Deny' : ''}` as 'ingress' | 'ingressDeny' | 'egress' | 'egressDeny';
  // egressDeny's toFQDNs and deny authentication get a message of their own below.
  checkKnownFields(sink, deny ? Object.fromEntries(Object.entries(rule).filter(([k]) => k !== 'toFQDNs' && k !== 'authentication')) : rule, CILIUM_FIELDS[section], path, `an ${section} rule`);
  const peerFields = PEER_FIELDS[direction];
  const used = peerFields.filter((f) => Array.isArray(rule[f]) && rule[f].length > 0);
  if (used.length > 1) {
    sink.error(path, `combining ${GO_NAMES[used[0]]} and ${GO_NAMES[used[1]]} is not supported yet: the agent drops the whole policy; give each peer kind its own rule (with the same toPorts)`);
  }
  for (const field of ['fromRequires', 'toRequires']) {
    if (Array.isArray(rule[field]) && rule[field].length > 0) sink.error(pointer(path, field), `${field} is deprecated and the v1.20 CRD allows no items (maxItems 0); select the peers directly`);
  }
  if (deny) {
    if (rule.toFQDNs !== undefined) sink.error(pointer(path, 'toFQDNs'), 'egressDeny has no toFQDNs (unknown field: pruned by the API server, rejected by kubectl); deny by CIDR or entity');
    if (rule.authentication !== undefined) sink.error(pointer(path, 'authentication'), 'deny rules have no authentication (unknown field)');
  }
  for (const field of peerFields) {
    const items = list(ctx, rule[field], pointer(path, field));
    items.forEach((item, i) => checkPeer(field, item, pointer(path, field, i), ctx));
    if ((field === 'fromNodes' || field === 'toNodes') && items.length > 0 && !options.enableNodeSelectorLabels) {
      sink.error(pointer(path, field), 'FromNodes/ToNodes rules can only be applied when the "enable-node-selector-labels" flag is set');
    }
  }
  const icmps = list(ctx, rule.icmps, pointer(path, 'icmps'));
  icmps.forEach((icmp, i) => checkIcmp(icmp, pointer(path, 'icmps', i), ctx));
  if (icmps.length > 0) {
    if (Array.isArray(rule.toPorts) && rule.toPorts.length > 0) {
      sink.error(path, 'the ICMPs block may only be present without ToPorts. Define a separate rule to use ToPorts');
    }
    if (!options.enableIcmpRules) sink.error(pointer(path, 'icmps'), 'ICMP rules can only be applied when the "enable-icmp-rules" flag is set');
  }
  if (rule.authentication !== undefined && !deny) {
    if (!AUTHENTICATION_MODES.includes(rule.authentication?.mode)) {
      sink.error(pointer(path, 'authentication', 'mode'), `mode must be one of ${AUTHENTICATION_MODES.join(', ')}`);
    }
    if (!options.meshAuthEnabled) {
      sink.warning(pointer(path, 'authentication'), `mutual auth feature is disabled but an ${direction} auth rule is defined in policy (the operator marks the policy Valid=False); mutual auth is deprecated in 1.20, drop authentication`);
    }
  }
  list(ctx, rule.toPorts, pointer(path, 'toPorts')).forEach((portRule, i) => checkPortRule(portRule, pointer(path, 'toPorts', i), direction, deny, ctx));
  if (direction === 'egress' && !deny && opensMetadataEndpoint(rule)) {
    sink.warning(path, 'this rule reaches the cloud metadata endpoint 169.254.169.254 (credential theft); add it to the CIDR except, or add an egressDeny for it');
  }
}

function opensMetadataEndpoint(rule: Record<string, any>): boolean {
  const metadata = parseCidr('169.254.169.254/32')!;
  const entities: string[] = Array.isArray(rule.toEntities) ? rule.toEntities : [];
  if (entities.includes('world') || entities.includes('all')) return true;
  const blocks = [
    ...(Array.isArray(rule.toCIDR) ? rule.toCIDR.map((cidr: string) => ({ cidr })) : []),
    ...(Array.isArray(rule.toCIDRSet) ? rule.toCIDRSet : []),
  ];
  return blocks.some((b: any) => {
    const cidr = parseCidr(b?.cidr);
    if (!cidr || isMetadataEndpoint(cidr) || !cidrContainsCidr(cidr, metadata)) return false;
    return !(Array.isArray(b.except) ? b.except : []).some((e: string) => {
      const except = parseCidr(e);
      return except !== undefined && cidrContainsCidr(except, metadata);
    });
  });
}

function checkPeer(field: string, item: any, path: string, ctx: Context): void {
  const { sink } = ctx;
  switch (field) {
    case 'fromEndpoints':
    case 'toEndpoints':
    case 'fromNodes':
    case 'toNodes':
      return checkCiliumSelector(sink, path, item);
    case 'fromCIDR':
    case 'toCIDR':
      if (typeof item !== 'string' || !parseCidr(item)) sink.error(path, `must be a CIDR such as 10.0.0.0/8 (format: cidr; a bare IP or an empty string is rejected) (got ${JSON.stringify(item)})`);
      return;
    case 'fromCIDRSet':
    case 'toCIDRSet':
      return checkCidrRule(item, path, ctx);
    case 'fromEntities':
    case 'toEntities':
      if (!ENTITIES.includes(item)) {
        const agentOnly = item === 'world-ipv4' || item === 'world-ipv6' ? ' (the agent knows it, but the v1.20 CRD enum rejects it; use world or a CIDR)' : '';
        sink.error(path, `unsupported entity: ${JSON.stringify(item)}; one of ${ENTITIES.join(', ')}${agentOnly}`);
      }
      return;
    case 'toFQDNs':
      return checkFqdnSelector(item, path, sink);
    case 'toServices':
      if (!isObject(item) || (item.k8sService === undefined && item.k8sServiceSelector === undefined)) {
        return sink.error(path, 'a toServices item needs k8sService {serviceName, namespace} or k8sServiceSelector {selector, namespace}');
      }
      // The agent does not run its label selector checks on the toServices selector.
      if (item.k8sServiceSelector !== undefined && !isObject(item.k8sServiceSelector?.selector)) {
        sink.error(pointer(path, 'k8sServiceSelector', 'selector'), 'k8sServiceSelector needs a selector');
      }
      if ((item.k8sService ?? item.k8sServiceSelector)?.namespace === undefined) {
        sink.warning(path, 'without namespace, toServices matches services of that name in every namespace (not the policy\'s); set namespace');
      }
      return;
    default:
      return;
  }
}

function checkCidrRule(item: any, path: string, ctx: Context): void {
  const { sink } = ctx;
  if (!isObject(item)) return sink.error(path, 'a CIDR rule must be an object');
  checkKnownFields(sink, item, CILIUM_FIELDS.cidrRule, path, 'a CIDR rule');
  const kinds = ['cidr', 'cidrGroupRef', 'cidrGroupSelector'].filter((k) => item[k] !== undefined);
  if (kinds.length === 0) return sink.error(path, 'one of cidr, cidrGroupRef, or cidrGroupSelector is required');
  if (kinds.length > 1) sink.error(path, 'more than one of cidr, cidrGroupRef, or cidrGroupSelector may not be set');
  if (item.cidrGroupRef !== undefined && (typeof item.cidrGroupRef !== 'string' || !isDnsSubdomain(item.cidrGroupRef))) {
    sink.error(pointer(path, 'cidrGroupRef'), 'cidrGroupRef must be a CiliumCIDRGroup name (DNS subdomain, at most 253 characters)');
  }
  if (item.cidrGroupSelector !== undefined) {
    checkCiliumSelector(sink, pointer(path, 'cidrGroupSelector'), item.cidrGroupSelector);
  }
  const cidr = item.cidr === undefined ? undefined : parseCidr(item.cidr);
  if (item.cidr !== undefined && !cidr) sink.error(pointer(path, 'cidr'), `must be a CIDR such as 10.0.0.0/8 (format: cidr) (got ${JSON.stringify(item.cidr)})`);
  list(ctx, item.except, pointer(path, 'except')).forEach((text, i) => {
    const except = typeof text === 'string' ? parseCidr(text) : undefined;
    if (!except) return sink.error(pointer(path, 'except', i), `must be a CIDR (format: cidr) (got ${JSON.stringify(text)})`);
    if (cidr && !cidrContainsCidr(cidr, except)) {
      sink.error(pointer(path, 'except', i), `allow CIDR prefix ${item.cidr} does not contain exclude CIDR prefix ${text}`);
    }
  });
}

function checkIcmp(icmp: any, path: string, ctx: Context): void {
  const { sink } = ctx;
  const fields = list(ctx, icmp?.fields, pointer(path, 'fields'));
  if (fields.length > 40) sink.error(pointer(path, 'fields'), 'too many types, the max is 40');
  fields.forEach((field, i) => {
    const at = pointer(path, 'fields', i);
    checkKnownFields(sink, field, CILIUM_FIELDS.icmpField, at, 'an ICMP field');
    const family = field?.family ?? 'IPv4';
    if (!ICMP_FAMILIES.includes(family)) return sink.error(pointer(at, 'family'), `wrong family: ${family}; IPv4 or IPv6`);
    const type = field?.type;
    if (typeof type === 'number') {
      if (!Number.isInteger(type) || type < 0 || type > 255) sink.error(pointer(at, 'type'), `an ICMP type number is 0-255 (got ${type}); the schema does not check numbers, the agent would accept it`);
      return;
    }
    if (typeof type !== 'string') return sink.error(pointer(at, 'type'), 'type is required: a number 0-255 or a type name');
    if (/^([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$/.test(type)) return;
    if (!ICMP_SCHEMA_NAMES.includes(type)) {
      const hint = type === 'ExtendedEchoReply' ? ' (an upstream CRD typo rejects it; write 43 for IPv4 or 161 for IPv6)' : '';
      sink.error(pointer(at, 'type'), `the CRD does not accept ICMP type ${JSON.stringify(type)}${hint}`);
    } else if (!ICMP_TYPES[family].includes(type)) {
      sink.error(pointer(at, 'type'), `ICMP type ${type} not found in ${family}: the agent cannot even decode the policy; use a type of that family or its number`);
    }
  });
}

