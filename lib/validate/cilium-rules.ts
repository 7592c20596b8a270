import {
  CiliumNetworkPolicySpecEgressAuthenticationMode as AuthenticationModes,
  CiliumNetworkPolicySpecEgressIcmpsFieldsFamily as IcmpFamilies,
  CiliumNetworkPolicySpecEgressToEntities as Entities,
  CiliumNetworkPolicySpecEgressToPortsListenerEnvoyConfigKind as EnvoyConfigKinds,
  CiliumNetworkPolicySpecEgressToPortsPortsProtocol as Protocols,
  CiliumNetworkPolicySpecEgressToPortsRulesHttpHeaderMatchesMismatch as HeaderMismatchActions,
} from '../../imports/cilium.io';
import { cidrContainsCidr, parseCidr } from '../common/cidr';
import { isDnsSubdomain, isFqdnName, isFqdnPattern } from '../common/syntax';
import { isMetadataEndpoint } from '../intent/cloud-metadata';
import { FindingSink, pointer } from './findings';
import { ICMP_SCHEMA_NAMES, ICMP_TYPES } from './icmp-types';
import { CILIUM_FIELDS, checkKnownFields } from './known-fields';
import { checkCiliumSelector } from './label-selector-rules';
import { re2Problem } from './regex';

const ENTITIES: readonly string[] = Object.values(Entities);
const PROTOCOLS: readonly string[] = Object.values(Protocols);
const ICMP_FAMILIES: readonly string[] = Object.values(IcmpFamilies);
const MISMATCH_ACTIONS: readonly string[] = Object.values(HeaderMismatchActions);
const ENVOY_CONFIG_KINDS: readonly string[] = Object.values(EnvoyConfigKinds);
const AUTHENTICATION_MODES: readonly string[] = Object.values(AuthenticationModes);
const EXTENDED_PROTOCOLS = ['VRRP', 'IGMP', 'GRE', 'IPIP', 'IPV6', 'ESP', 'AH'];

const PEER_FIELDS = {
  ingress: ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups'],
  egress: ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toGroups', 'toNodes', 'toFQDNs'],
};
/** Go field names, as the agent prints them in "combining A and B". */
const GO_NAMES: { [field: string]: string } = {
  fromEndpoints: 'FromEndpoints', fromCIDR: 'FromCIDR', fromCIDRSet: 'FromCIDRSet', fromEntities: 'FromEntities', fromNodes: 'FromNodes',
  fromGroups: 'FromGroups', toEndpoints: 'ToEndpoints', toCIDR: 'ToCIDR', toCIDRSet: 'ToCIDRSet', toEntities: 'ToEntities',
  toServices: 'ToServices', toGroups: 'ToGroups', toNodes: 'ToNodes', toFQDNs: 'ToFQDNs',
};
/** The CRD's port pattern; its first alternative is anchored only at the start, as upstream's is. */
const SCHEMA_PORT = /^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})|([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$/;
const IANA_NAME = /^([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$/;
const SERVER_NAME = /^([-a-zA-Z0-9_*]+[.]?)+$/;

type Direction = 'ingress' | 'egress';

interface Context {
  readonly sink: FindingSink;
  readonly options: Required<import('./options').ValidatorOptions>;
  readonly clusterwide: boolean;
  readonly hostPolicy: boolean;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(ctx: Context, value: unknown, path: string): any[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    ctx.sink.error(path, 'must be a list');
    return [];
  }
  return value;
}

/** CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy: the CRD schema and every agent-side rejection. */
export function checkCiliumPolicy(manifest: any, sink: FindingSink, options: Required<import('./options').ValidatorOptions>): void {
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
    const pinned = rule.endpointSelector?.matchLabels?.['k8s:io.kubernetes.pod.namespace'];
    const own = manifest.metadata?.namespace ?? 'default';
    if (!ctx.clusterwide && pinned !== undefined && pinned !== own) {
      sink.warning(pointer(path, 'endpointSelector'), `the agent replaces the namespace in endpointSelector with the policy's own (${own}), so ${JSON.stringify(pinned)} is ignored; Cilium 1.21's operator marks this invalid`);
    }
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
  const dnsVisible = egress.some((r: any) => (r?.toPorts ?? []).some((pr: any) => Array.isArray(pr?.rules?.dns)));
  if (usesFqdns && !dnsVisible) {
    sink.warning(pointer(path, 'egress'), 'toFQDNs only learns addresses from DNS answers that pass Cilium\'s DNS proxy, and no rule here sends DNS through it; add an egress rule to the cluster DNS with toPorts rules.dns [{matchPattern: "*"}] (unless another policy selecting these pods does)');
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

/**
 * Rules on the same peers and port meet when the policy is resolved: HTTP and DNS there reject the policy
 * ("If the type differs, the policy is rejected"), and an L4-only allow there makes the L7 rules ineffective.
 */
function checkL7Conflicts(rules: any[], path: string, direction: Direction, sink: FindingSink): void {
  const seen = new Map<string, { kind: string; at: string }[]>();
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    const peers = JSON.stringify(PEER_FIELDS[direction].map((f) => rule[f] ?? null));
    (Array.isArray(rule.toPorts) ? rule.toPorts : []).forEach((portRule: any, j: number) => {
      const kind = Array.isArray(portRule?.rules?.http) ? 'HTTP' : Array.isArray(portRule?.rules?.dns) ? 'DNS' : 'L4-only';
      for (const port of Array.isArray(portRule?.ports) ? portRule.ports : []) {
        const key = `${peers}|${String(port?.port ?? '')}`;
        const at = pointer(path, i, 'toPorts', j);
        const earlier = seen.get(key) ?? [];
        for (const other of earlier) {
          if ((kind === 'HTTP' && other.kind === 'DNS') || (kind === 'DNS' && other.kind === 'HTTP')) {
            sink.error(at, `HTTP and DNS rules on the same peers and port ${port.port} (also at ${other.at}): the agent rejects the policy when it resolves it; keep one L7 protocol per port`);
          } else if ((kind === 'L4-only') !== (other.kind === 'L4-only')) {
            sink.warning(at, `an L4-only allow and ${kind === 'L4-only' ? other.kind : kind} rules on the same peers and port ${port.port} (also at ${other.at}): the L4 allow makes the L7 rules ineffective`);
          }
        }
        seen.set(key, [...earlier, { kind, at }]);
      }
    });
  });
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
    return !(b.except ?? []).some((e: string) => {
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
      if (item.k8sServiceSelector !== undefined) checkCiliumSelector(sink, pointer(path, 'k8sServiceSelector', 'selector'), item.k8sServiceSelector?.selector ?? {});
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

function checkFqdnSelector(item: any, path: string, sink: FindingSink): void {
  if (!isObject(item)) return sink.error(path, 'an FQDN selector must be an object with matchName or matchPattern');
  const kinds = ['matchName', 'matchPattern'].filter((k) => item[k] !== undefined);
  if (kinds.length !== 1) return sink.error(path, 'only one of MatchName or MatchPattern is allowed in an FQDNSelector (exactly one is required)');
  if (item.matchName !== undefined && !(typeof item.matchName === 'string' && isFqdnName(item.matchName))) {
    sink.error(pointer(path, 'matchName'), `Invalid characters in MatchName: ${JSON.stringify(item.matchName)} (letters, digits, -, _ and single dots, at most 255 characters)`);
  }
  if (item.matchPattern !== undefined && !(typeof item.matchPattern === 'string' && isFqdnPattern(item.matchPattern))) {
    sink.error(pointer(path, 'matchPattern'), `Invalid characters in MatchPattern: ${JSON.stringify(item.matchPattern)} (letters, digits, -, _, * and single dots, at most 255 characters)`);
  }
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

function checkPortRule(portRule: any, path: string, direction: Direction, deny: boolean, ctx: Context): void {
  const { sink, options } = ctx;
  if (!isObject(portRule)) return sink.error(path, 'a toPorts entry must be an object');
  if (!deny) checkKnownFields(sink, portRule, CILIUM_FIELDS.portRule, path, 'a toPorts entry');
  if (deny) {
    for (const key of Object.keys(portRule).filter((k) => k !== 'ports')) {
      sink.error(pointer(path, key), `deny rules support ports only: ${key} is an unknown field of a deny port rule`);
    }
  }
  const ports = list(ctx, portRule.ports, pointer(path, 'ports'));
  if (ports.length > 40) {
    sink.error(pointer(path, 'ports'), `too many ports, the max is 40 (${ports.length}); split them over several toPorts entries`);
  }
  ports.forEach((port, i) => checkPort(port, pointer(path, 'ports', i), ctx));

  const rules = portRule.rules;
  const l7Kinds = isObject(rules) ? Object.keys(rules) : [];
  if (rules !== undefined && !deny) {
    for (const removed of l7Kinds.filter((k) => ['kafka', 'l7proto', 'l7'].includes(k))) {
      sink.error(pointer(path, 'rules', removed), `${removed} rules were removed in Cilium 1.20 (the field is pruned, leaving rules empty); drop them`);
    }
    const known = l7Kinds.filter((k) => k === 'http' || k === 'dns');
    if (!isObject(rules) || known.length !== 1) {
      sink.error(pointer(path, 'rules'), known.length > 1 ? 'multiple L7 protocol rule types specified in single rule' : 'rules must hold exactly one of http or dns (an empty rules: {} fails the CRD); leave rules out for L4 only');
    }
  }
  const http: any[] = Array.isArray(rules?.http) ? rules.http : [];
  const dns: any[] = Array.isArray(rules?.dns) ? rules.dns : [];
  const hasL7 = !deny && (http.length > 0 || dns.length > 0 || (isObject(rules) && l7Kinds.length > 0));
  if (hasL7) {
    if (!options.enableL7Proxy) sink.error(pointer(path, 'rules'), 'L7 policy is not supported since L7 proxy is not enabled');
    if (ctx.hostPolicy && direction === 'ingress') sink.error(pointer(path, 'rules'), 'L7 policy is not supported on host ingress yet');
    if (ports.some((p) => String(p?.port ?? '') === '0')) sink.error(pointer(path, 'rules'), 'L7 rules can not be used when a port is 0');
  }
  if (!deny && http.length > 0) {
    if (ctx.hostPolicy && direction === 'egress') sink.error(pointer(path, 'rules', 'http'), 'L7 protocol HTTP is not supported on host egress yet');
    ports.forEach((p, i) => {
      const protocol = String(p?.protocol ?? 'ANY').toUpperCase();
      if (protocol !== 'TCP') sink.error(pointer(path, 'ports', i, 'protocol'), `L7 rules can only apply to TCP (not ${protocol}) except for DNS rules; write protocol: TCP (an omitted protocol means ANY)`);
    });
    http.forEach((rule, i) => checkHttpRule(rule, pointer(path, 'rules', 'http', i), sink));
  }
  if (!deny && dns.length > 0) {
    if (direction === 'ingress') sink.error(pointer(path, 'rules', 'dns'), 'L7 protocol DNS is not supported on ingress yet');
    if (ports.length === 0) sink.error(pointer(path, 'ports'), 'port 53 must be specified for DNS rules');
    ports.forEach((p, i) => {
      const start = Number(p?.port);
      if (typeof p?.endPort === 'number' && p.endPort > start) sink.error(pointer(path, 'ports', i, 'endPort'), 'DNS rules do not support port ranges');
    });
    dns.forEach((selector, i) => checkFqdnSelector(selector, pointer(path, 'rules', 'dns', i), sink));
  }
  if (portRule.serverNames !== undefined && !deny) {
    const names = list(ctx, portRule.serverNames, pointer(path, 'serverNames'));
    if (names.length === 0) sink.error(pointer(path, 'serverNames'), 'empty server name is not allowed (serverNames needs at least one item)');
    names.forEach((n, i) => {
      if (typeof n !== 'string' || n.length > 255 || !SERVER_NAME.test(n)) sink.error(pointer(path, 'serverNames', i), `invalid server name ${JSON.stringify(n)}`);
    });
    if (new Set(names).size !== names.length) sink.error(pointer(path, 'serverNames'), 'serverNames is a set: duplicates are rejected');
    if (hasL7 && portRule.terminatingTLS === undefined) sink.error(pointer(path, 'serverNames'), 'ServerNames are not allowed with L7 rules without TLS termination; add terminatingTLS or drop the L7 rules');
  }
  for (const tls of ['terminatingTLS', 'originatingTLS']) {
    if (portRule[tls] !== undefined && !deny && typeof portRule[tls]?.secret?.name !== 'string') sink.error(pointer(path, tls, 'secret', 'name'), `${tls} needs secret.name`);
  }
  if (portRule.listener !== undefined && !deny) {
    const name = portRule.listener?.name;
    if (direction === 'ingress') sink.error(pointer(path, 'listener'), `Listener is not allowed on ingress (${name})`);
    if (hasL7) sink.error(pointer(path, 'listener'), `Listener is not allowed with L7 rules (${name})`);
    if (!ENVOY_CONFIG_KINDS.includes(portRule.listener?.envoyConfig?.kind)) sink.error(pointer(path, 'listener', 'envoyConfig', 'kind'), `envoyConfig.kind must be one of ${ENVOY_CONFIG_KINDS.join(', ')}`);
    if (!(typeof name === 'string' && name.length > 0)) sink.error(pointer(path, 'listener', 'name'), 'listener.name is required');
    const priority = portRule.listener?.priority;
    if (priority !== undefined && !(Number.isInteger(priority) && priority >= 1 && priority <= 100)) sink.error(pointer(path, 'listener', 'priority'), 'priority is 1-100');
  }
}

function checkHttpRule(rule: any, path: string, sink: FindingSink): void {
  for (const field of ['method', 'path']) {
    if (typeof rule?.[field] === 'string') {
      const problem = re2Problem(rule[field]);
      if (problem) sink.error(pointer(path, field), `${problem} (${field} is a Go RE2 regular expression, e.g. "/public$")`);
    }
  }
  (Array.isArray(rule?.headerMatches) ? rule.headerMatches : []).forEach((match: any, i: number) => {
    const at = pointer(path, 'headerMatches', i);
    if (!(typeof match?.name === 'string' && match.name.length > 0)) sink.error(pointer(at, 'name'), 'Header name missing');
    if (match?.mismatch !== undefined && !MISMATCH_ACTIONS.includes(match.mismatch)) sink.error(pointer(at, 'mismatch'), `Invalid header action: ${match.mismatch}; one of ${MISMATCH_ACTIONS.join(', ')}`);
    if (match?.secret !== undefined && !match.secret?.name) sink.error(pointer(at, 'secret', 'name'), 'Secret name missing');
  });
}

/** Go's strconv.ParseUint(port, 0, 16). */
function parseUintBase0(text: string): string | undefined {
  let digits = text;
  let base = 10;
  if (/^0[xX]/.test(text)) [digits, base] = [text.slice(2), 16];
  else if (/^0[oO]/.test(text)) [digits, base] = [text.slice(2), 8];
  else if (/^0[bB]/.test(text)) [digits, base] = [text.slice(2), 2];
  else if (/^0./.test(text)) [digits, base] = [text.slice(1), 8];
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base]!;
  if (!valid.test(digits.replace(/_/g, ''))) return `unable to parse port: strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`;
  if (parseInt(digits.replace(/_/g, ''), base) > 65535) return `unable to parse port: strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`;
  return undefined;
}

function checkPort(port: any, path: string, ctx: Context): void {
  const { sink, options } = ctx;
  if (!isObject(port)) return sink.error(path, 'a port must be an object {port, endPort?, protocol?} (GH-10643)');
  checkKnownFields(sink, port, CILIUM_FIELDS.port, path, 'a port');
  const protocol = port.protocol;
  if (protocol !== undefined && !PROTOCOLS.includes(protocol)) {
    const lower = typeof protocol === 'string' && PROTOCOLS.includes(protocol.toUpperCase()) ? ' (the CRD enum is upper case; the agent would accept it, the API server does not)' : '';
    sink.error(pointer(path, 'protocol'), `invalid protocol ${JSON.stringify(protocol)}, must be { ${PROTOCOLS.map((p) => p.toLowerCase()).join(' | ')} }${lower}`);
  }
  if (port.endPort !== undefined && !(Number.isInteger(port.endPort) && port.endPort >= 0 && port.endPort <= 65535)) {
    sink.error(pointer(path, 'endPort'), `endPort is an integer 0-65535 (got ${JSON.stringify(port.endPort)})`);
  }
  const text = port.port === undefined || port.port === null ? '' : port.port;
  if (typeof text !== 'string') return sink.error(pointer(path, 'port'), `port is a string in CiliumNetworkPolicy: write "${text}" (got ${JSON.stringify(text)})`);
  const extended = EXTENDED_PROTOCOLS.includes(String(protocol).toUpperCase());
  if (text === '') {
    if (!options.enableExtendedIpProtocols) sink.error(pointer(path, 'port'), 'port must be specified (use "0" for all ports)');
    return;
  }
  if (!SCHEMA_PORT.test(text)) sink.error(pointer(path, 'port'), `the CRD pattern rejects port ${JSON.stringify(text)}: a number 0-65535 or a port name`);
  if (extended && text !== '0') return sink.error(pointer(path, 'port'), `port must be empty or 0 for protocol ${protocol}`);
  const isName = text.length <= 15 && IANA_NAME.test(text);
  if (!isName) {
    const problem = parseUintBase0(text);
    if (problem) return sink.error(pointer(path, 'port'), `${problem}; ports are decimal 1-65535 or a port name of at most 15 characters`);
    if (/^0[0-7]/.test(text)) sink.warning(pointer(path, 'port'), `the agent reads ${JSON.stringify(text)} as octal (port ${parseInt(text, 8)}); write it without the leading 0`);
  } else if (/^[0-9]/.test(text)) {
    sink.warning(pointer(path, 'port'), `the agent takes ${JSON.stringify(text)} as a port name, not a number`);
  }
  if (typeof port.endPort === 'number' && port.endPort > 0) {
    if (isName) sink.warning(pointer(path, 'endPort'), 'endPort is ignored on a named port');
    else if (port.endPort < Number(text)) sink.warning(pointer(path, 'endPort'), `endPort ${port.endPort} is below port ${text}: the range is not what it says (nothing validates this)`);
  }
}
