import {
  CiliumNetworkPolicySpecEgressToPortsListenerEnvoyConfigKind as EnvoyConfigKinds,
  CiliumNetworkPolicySpecEgressToPortsPortsProtocol as Protocols,
  CiliumNetworkPolicySpecEgressToPortsRulesHttpHeaderMatchesMismatch as HeaderMismatchActions,
} from '../../imports/cilium.io';
import { checkFqdnSelector, Context, Direction, isObject, list, PEER_FIELDS } from './cilium-context';
import { FindingSink, pointer } from './findings';
import { CILIUM_FIELDS, checkKnownFields } from './known-fields';
import { re2Problem } from './regex';

// toPorts of Cilium rules: ports as the agent parses them, L7 rules, TLS, listeners.

const PROTOCOLS: readonly string[] = Object.values(Protocols);
const MISMATCH_ACTIONS: readonly string[] = Object.values(HeaderMismatchActions);
const ENVOY_CONFIG_KINDS: readonly string[] = Object.values(EnvoyConfigKinds);
const EXTENDED_PROTOCOLS = ['VRRP', 'IGMP', 'GRE', 'IPIP', 'IPV6', 'ESP', 'AH'];
/** The CRD's port pattern; its first alternative is anchored only at the start, as upstream's is. */
const SCHEMA_PORT = /^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})|([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$/;
const IANA_NAME = /^([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$/;
const SERVER_NAME = /^([-a-zA-Z0-9_*]+[.]?)+$/;

export /**
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

export function checkPortRule(portRule: any, path: string, direction: Direction, deny: boolean, ctx: Context): void {
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
