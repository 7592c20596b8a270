import { Finding, validateManifests, ValidatorOptions } from '../lib';

type Mutation = (m: any) => void;
const ports = (n: number, start = 1000) => Array.from({ length: n }, (_, i) => ({ port: String(start + i), protocol: 'TCP' }));
const dnsRule = { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] };

function base(): any {
  return {
    apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'ml' },
    spec: {
      endpointSelector: { matchLabels: { app: 'a' } },
      ingress: [{ fromEndpoints: [{ matchLabels: { app: 'b' } }], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }],
      egress: [{ toEndpoints: [{ matchLabels: { app: 'b' } }], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }],
    },
  };
}
function hostPolicy(): any {
  return { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'host' }, spec: { nodeSelector: {}, ingress: [{ fromEntities: ['cluster'] }] } };
}
const ing = (m: any) => m.spec.ingress[0];
const eg = (m: any) => m.spec.egress[0];

// [rule, rejected (mutation of the base), accepted (near-identical), error path, error message, agent flags, start]
const CASES: [string, Mutation, Mutation, string, RegExp, ValidatorOptions?, (() => any)?][] = [
  // §1.1 rule level
  ['1 all sections empty', (m) => { m.spec.ingress = []; m.spec.egress = []; }, (m) => { m.spec.ingress = [{}]; m.spec.egress = []; }, '/spec', /rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny/],
  ['2 nodeSelector in a namespaced policy', (m) => { delete m.spec.endpointSelector; m.spec.nodeSelector = {}; m.spec.ingress = [{ fromEntities: ['cluster'] }]; m.spec.egress = [{ toEntities: ['cluster'] }]; },
    (m) => { delete m.spec.endpointSelector; m.spec.nodeSelector = {}; m.spec.ingress = [{ fromEntities: ['cluster'] }]; m.spec.egress = [{ toEntities: ['cluster'] }]; m.kind = 'CiliumClusterwideNetworkPolicy'; delete m.metadata.namespace; },
    '/spec/nodeSelector', /Invalid CiliumNetworkPolicy spec: rule cannot have NodeSelector/],
  ['3 key with two source separators', (m) => { m.spec.endpointSelector.matchLabels = { 'k8s:k8s:app': 'a' }; }, (m) => { m.spec.endpointSelector.matchLabels = { 'k8s:app': 'a' }; }, '/spec/endpointSelector/matchLabels/k8s:k8s:app', /invalid label selector: a valid label key only support ':' character as a source separator/],
  ['3 empty label source', (m) => { ing(m).fromEndpoints[0] = { matchLabels: { ':app': 'b' } }; }, (m) => { ing(m).fromEndpoints[0] = { matchLabels: { 'any:app': 'b' } }; }, '/spec/ingress/0/fromEndpoints/0/matchLabels/:app', /label source should be a non empty string with only alphanumeric characters/],
  ['3 invalid key name', (m) => { eg(m).toEndpoints[0] = { matchLabels: { 'app name': 'b' } }; }, (m) => { eg(m).toEndpoints[0] = { matchLabels: { 'app-name': 'b' } }; }, '/spec/egress/0/toEndpoints/0/matchLabels/app name', /invalid label selector: a label key name/],
  ['3 In without values', (m) => { m.spec.endpointSelector = { matchExpressions: [{ key: 'app', operator: 'In' }] }; }, (m) => { m.spec.endpointSelector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }] }; }, '/spec/endpointSelector/matchExpressions/0/values', /values: Required value: must be specified when `operator` is 'In' or 'NotIn'/],
  ['3 Exists with values', (m) => { m.spec.endpointSelector = { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['a'] }] }; }, (m) => { m.spec.endpointSelector = { matchExpressions: [{ key: 'app', operator: 'Exists' }] }; }, '/spec/endpointSelector/matchExpressions/0/values', /values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'/],
  ['3 invalid expression value', (m) => { m.spec.endpointSelector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['-a'] }] }; }, (m) => { m.spec.endpointSelector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }] }; }, '/spec/endpointSelector/matchExpressions/0/values/0', /a label value must be/],
  ['3 bad cidrGroupSelector', (m) => { eg(m).toEndpoints = undefined; eg(m).toCIDRSet = [{ cidrGroupSelector: { matchLabels: { 'a:b:c': 'x' } } }]; }, (m) => { eg(m).toEndpoints = undefined; eg(m).toCIDRSet = [{ cidrGroupSelector: { matchLabels: { 'b:c': 'x' } } }]; }, '/spec/egress/0/toCIDRSet/0/cidrGroupSelector/matchLabels/a:b:c', /invalid label selector/],
  // §1.2 peers
  ['4 two peer kinds in an ingress rule', (m) => { ing(m).fromCIDR = ['10.0.0.0/8']; }, (m) => { m.spec.ingress.push({ fromCIDR: ['10.0.0.0/8'], toPorts: ing(m).toPorts }); }, '/spec/ingress/0', /combining FromEndpoints and FromCIDR is not supported yet/],
  ['5 toFQDNs with toEndpoints', (m) => { eg(m).toFQDNs = [{ matchName: 'pypi.org' }]; m.spec.egress.push(dnsRule); }, (m) => { m.spec.egress.push({ toFQDNs: [{ matchName: 'pypi.org' }], toPorts: eg(m).toPorts }, dnsRule); }, '/spec/egress/0', /combining ToEndpoints and ToFQDNs is not supported yet/],
  ['5 the example 2 layout: toEndpoints + an empty toCIDR', (m) => { eg(m).toCIDR = ['']; }, (m) => { m.spec.egress.push({ toCIDRSet: [{ cidr: '203.0.113.0/24' }], toPorts: eg(m).toPorts }); }, '/spec/egress/0/toCIDR/0', /must be a CIDR/],
  ['6 toNodes without enable-node-selector-labels', (m) => { eg(m).toEndpoints = undefined; eg(m).toNodes = [{}]; }, (m) => { eg(m).toEndpoints = undefined; eg(m).toEntities = ['remote-node']; }, '/spec/egress/0/toNodes', /FromNodes\/ToNodes rules can only be applied when the "enable-node-selector-labels" flag is set/],
  ['7 except outside its CIDR', (m) => { eg(m).toEndpoints = undefined; eg(m).toCIDRSet = [{ cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] }]; }, (m) => { eg(m).toEndpoints = undefined; eg(m).toCIDRSet = [{ cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] }]; }, '/spec/egress/0/toCIDRSet/0/except/0', /allow CIDR prefix 10.0.0.0\/16 does not contain exclude CIDR prefix 10.1.0.0\/24/],
  ['7 except of the other address family', (m) => { eg(m).toEndpoints = undefined; eg(m).toCIDRSet = [{ cidr: '10.0.0.0/8', except: ['fd00::/8'] }]; }, (m) => { eg(m).toEndpoints = undefined; eg(m).toCIDRSet = [{ cidr: '10.0.0.0/8', except: ['10.9.0.0/16'] }]; }, '/spec/egress/0/toCIDRSet/0/except/0', /does not contain exclude CIDR prefix fd00::\/8/],
  // §1.3 ports
  ['8 port missing', (m) => { eg(m).toPorts[0].ports[0] = { protocol: 'TCP' }; }, (m) => { eg(m).toPorts[0].ports[0] = { port: '0', protocol: 'TCP' }; }, '/spec/egress/0/toPorts/0/ports/0/port', /port must be specified/],
  ['9 port out of range', (m) => { eg(m).toPorts[0].ports[0].port = '65536'; }, (m) => { eg(m).toPorts[0].ports[0].port = '65535'; }, '/spec/egress/0/toPorts/0/ports/0/port', /unable to parse port: strconv.ParseUint: parsing "65536": value out of range/],
  ['9 invalid octal', (m) => { eg(m).toPorts[0].ports[0].port = '08'; }, (m) => { eg(m).toPorts[0].ports[0].port = '8'; }, '/spec/egress/0/toPorts/0/ports/0/port', /parsing "08": invalid syntax/],
  ['9 port name longer than 15', (m) => { eg(m).toPorts[0].ports[0].port = 'prometheus-metrics'; }, (m) => { eg(m).toPorts[0].ports[0].port = 'metrics'; }, '/spec/egress/0/toPorts/0/ports/0/port', /parsing "prometheus-metrics": invalid syntax/],
  ['10 extended protocol with a port', (m) => { eg(m).toPorts[0].ports[0] = { port: '47', protocol: 'GRE' }; }, (m) => { eg(m).toPorts[0].ports[0] = { port: '0', protocol: 'GRE' }; }, '/spec/egress/0/toPorts/0/ports/0/port', /port must be empty or 0 for protocol GRE/, { enableExtendedIpProtocols: true }],
  ['11 DNS rule with a port range', (m) => { m.spec.egress = [{ ...dnsRule, toPorts: [{ ports: [{ port: '53', endPort: 54, protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] }]; }, (m) => { m.spec.egress = [dnsRule]; }, '/spec/egress/0/toPorts/0/ports/0/endPort', /DNS rules do not support port ranges/],
  ['12 more than 40 ports in a deny rule', (m) => { m.spec.egressDeny = [{ toEntities: ['world'], toPorts: [{ ports: ports(41) }] }]; }, (m) => { m.spec.egressDeny = [{ toEntities: ['world'], toPorts: [{ ports: ports(40) }] }]; }, '/spec/egressDeny/0/toPorts/0/ports', /too many ports, the max is 40/],
  ['12 more than 40 ports in an allow rule (CRD)', (m) => { eg(m).toPorts[0].ports = ports(41); }, (m) => { eg(m).toPorts = [{ ports: ports(40) }, { ports: ports(1, 2000) }]; }, '/spec/egress/0/toPorts/0/ports', /too many ports, the max is 40/],
  // §1.4 L7
  ['13 HTTP on UDP', (m) => { eg(m).toPorts[0] = { ports: [{ port: '80', protocol: 'UDP' }], rules: { http: [{ method: 'GET' }] } }; }, (m) => { eg(m).toPorts[0] = { ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ method: 'GET' }] } }; }, '/spec/egress/0/toPorts/0/ports/0/protocol', /L7 rules can only apply to TCP \(not UDP\) except for DNS rules/],
  ['13 HTTP with the protocol left out (ANY)', (m) => { eg(m).toPorts[0] = { ports: [{ port: '80' }], rules: { http: [{ method: 'GET' }] } }; }, (m) => { eg(m).toPorts[0] = { ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ method: 'GET' }] } }; }, '/spec/egress/0/toPorts/0/ports/0/protocol', /L7 rules can only apply to TCP \(not ANY\)/],
  ['14 L7 on port 0', (m) => { eg(m).toPorts[0] = { ports: [{ port: '0', protocol: 'TCP' }], rules: { http: [{}] } }; }, (m) => { eg(m).toPorts[0] = { ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{}] } }; }, '/spec/egress/0/toPorts/0/rules', /L7 rules can not be used when a port is 0/],
  ['15 DNS rule without ports', (m) => { m.spec.egress = [{ ...dnsRule, toPorts: [{ rules: { dns: [{ matchPattern: '*' }] } }] }]; }, (m) => { m.spec.egress = [dnsRule]; }, '/spec/egress/0/toPorts/0/ports', /port 53 must be specified for DNS rules/],
  ['16 DNS rule on ingress', (m) => { ing(m).toPorts[0] = { ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }; }, (m) => { ing(m).toPorts[0] = { ports: [{ port: '53', protocol: 'UDP' }] }; }, '/spec/ingress/0/toPorts/0/rules/dns', /L7 protocol DNS is not supported on ingress yet/],
  ['17 L7 on host ingress', (m) => { m.spec.ingress[0].toPorts = [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{}] } }]; }, (m) => { m.spec.ingress[0].toPorts = [{ ports: [{ port: '80', protocol: 'TCP' }] }]; }, '/spec/ingress/0/toPorts/0/rules', /L7 policy is not supported on host ingress yet/, {}, hostPolicy],
  ['18 HTTP on host egress', (m) => { m.spec.egress = [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{}] } }] }]; }, (m) => { m.spec.egress = [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], rules: { dns: [{ matchPattern: '*' }] } }] }]; }, '/spec/egress/0/toPorts/0/rules/http', /L7 protocol HTTP is not supported on host egress yet/, {}, hostPolicy],
  ['19 L7 without the L7 proxy', (m) => { eg(m).toPorts[0].rules = { http: [{}] }; }, () => undefined, '/spec/egress/0/toPorts/0/rules', /L7 policy is not supported since L7 proxy is not enabled/, { enableL7Proxy: false }],
  ['20 serverNames with L7 rules and no TLS termination', (m) => { eg(m).toPorts[0] = { ports: [{ port: '443', protocol: 'TCP' }], serverNames: ['a.example'], rules: { http: [{}] } }; }, (m) => { eg(m).toPorts[0] = { ports: [{ port: '443', protocol: 'TCP' }], serverNames: ['a.example'], rules: { http: [{}] }, terminatingTLS: { secret: { name: 'tls' } } }; }, '/spec/egress/0/toPorts/0/serverNames', /ServerNames are not allowed with L7 rules without TLS termination/],
  ['21 listener on ingress', (m) => { ing(m).toPorts[0].listener = { envoyConfig: { kind: 'CiliumEnvoyConfig', name: 'c' }, name: 'l' }; }, (m) => { eg(m).toPorts[0].listener = { envoyConfig: { kind: 'CiliumEnvoyConfig', name: 'c' }, name: 'l' }; }, '/spec/ingress/0/toPorts/0/listener', /Listener is not allowed on ingress \(l\)/],
  ['22 listener with L7 rules', (m) => { eg(m).toPorts[0].listener = { envoyConfig: { kind: 'CiliumEnvoyConfig', name: 'c' }, name: 'l' }; eg(m).toPorts[0].rules = { http: [{}] }; }, (m) => { eg(m).toPorts[0].listener = { envoyConfig: { kind: 'CiliumEnvoyConfig', name: 'c' }, name: 'l' }; }, '/spec/egress/0/toPorts/0/listener', /Listener is not allowed with L7 rules \(l\)/],
  ['23 path that is not a regexp', (m) => { eg(m).toPorts[0].rules = { http: [{ path: '*' }] }; }, (m) => { eg(m).toPorts[0].rules = { http: [{ path: '/.*' }] }; }, '/spec/egress/0/toPorts/0/rules/http/0/path', /error parsing regexp/],
  ['23 lookahead, which RE2 lacks', (m) => { eg(m).toPorts[0].rules = { http: [{ path: '/(?!admin)' }] }; }, (m) => { eg(m).toPorts[0].rules = { http: [{ path: '(?i)/public$' }] }; }, '/spec/egress/0/toPorts/0/rules/http/0/path', /lookaround/],
  ['1.7 HTTP and DNS rules on the same peers and port', (m) => { m.spec.egress = [{ ...dnsRule, toPorts: [{ ports: [{ port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }] }, { toEndpoints: dnsRule.toEndpoints, toPorts: [{ ports: [{ port: '53', protocol: 'TCP' }], rules: { http: [{}] } }] }]; },
    (m) => { m.spec.egress = [{ ...dnsRule, toPorts: [{ ports: [{ port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }] }, { toEndpoints: dnsRule.toEndpoints, toPorts: [{ ports: [{ port: '8053', protocol: 'TCP' }], rules: { http: [{}] } }] }]; },
    '/spec/egress/1/toPorts/0', /HTTP and DNS rules on the same peers and port 53 \(also at \/spec\/egress\/0\/toPorts\/0\): the agent rejects the policy/],
  ['24 empty header secret name', (m) => { eg(m).toPorts[0].rules = { http: [{ headerMatches: [{ name: 'x-token', secret: { name: '' } }] }] }; }, (m) => { eg(m).toPorts[0].rules = { http: [{ headerMatches: [{ name: 'x-token', secret: { name: 'token' } }] }] }; }, '/spec/egress/0/toPorts/0/rules/http/0/headerMatches/0/secret/name', /Secret name missing/],
  // §1.5 ICMP
  ['25 icmps with toPorts', (m) => { eg(m).icmps = [{ fields: [{ type: 8 }] }]; }, (m) => { m.spec.egress.push({ toEndpoints: eg(m).toEndpoints, icmps: [{ fields: [{ type: 8 }] }] }); }, '/spec/egress/0', /the ICMPs block may only be present without ToPorts/],
  ['26 ICMP type of the other family', (m) => { m.spec.egress.push({ toEntities: ['world'], icmps: [{ fields: [{ family: 'IPv6', type: 'Echo' }] }] }); }, (m) => { m.spec.egress.push({ toEntities: ['world'], icmps: [{ fields: [{ family: 'IPv6', type: 'EchoRequest' }] }] }); }, '/spec/egress/1/icmps/0/fields/0/type', /ICMP type Echo not found in IPv6/],
  ['26 PacketTooBig on IPv4 (family defaults to IPv4)', (m) => { m.spec.egress.push({ toEntities: ['world'], icmps: [{ fields: [{ type: 'PacketTooBig' }] }] }); }, (m) => { m.spec.egress.push({ toEntities: ['world'], icmps: [{ fields: [{ family: 'IPv6', type: 'PacketTooBig' }] }] }); }, '/spec/egress/1/icmps/0/fields/0/type', /ICMP type PacketTooBig not found in IPv4/],
  ['27 icmps without enable-icmp-rules', (m) => { m.spec.egress.push({ toEntities: ['world'], icmps: [{ fields: [{ type: 8 }] }] }); }, () => undefined, '/spec/egress/1/icmps', /ICMP rules can only be applied when the "enable-icmp-rules" flag is set/, { enableIcmpRules: false }],
  // §2 schema
  ['spec or specs', (m) => { delete m.spec; }, (m) => { m.specs = [m.spec]; delete m.spec; }, '', /spec or specs must be provided/],
  ['no selector at all', (m) => { delete m.spec.endpointSelector; }, (m) => { m.spec.endpointSelector = {}; }, '/spec', /rule must have one of EndpointSelector or NodeSelector/],
  ['no section key (CRD anyOf)', (m) => { delete m.spec.ingress; delete m.spec.egress; }, (m) => { delete m.spec.ingress; }, '/spec', /at least one of ingress, ingressDeny, egress or egressDeny/],
  ['world-ipv4 is not in the CRD enum', (m) => { eg(m).toEndpoints = undefined; eg(m).toEntities = ['world-ipv4']; }, (m) => { eg(m).toEndpoints = undefined; eg(m).toEntities = ['world']; }, '/spec/egress/0/toEntities/0', /unsupported entity: "world-ipv4".*CRD enum rejects it/],
  ['lower-case protocol', (m) => { eg(m).toPorts[0].ports[0].protocol = 'tcp'; }, (m) => { eg(m).toPorts[0].ports[0].protocol = 'TCP'; }, '/spec/egress/0/toPorts/0/ports/0/protocol', /invalid protocol "tcp".*the CRD enum is upper case/],
  ['a bare IP in toCIDR', (m) => { eg(m).toEndpoints = undefined; eg(m).toCIDR = ['203.0.113.7']; }, (m) => { eg(m).toEndpoints = undefined; eg(m).toCIDR = ['203.0.113.7/32']; }, '/spec/egress/0/toCIDR/0', /must be a CIDR/],
  ['rules: {}', (m) => { eg(m).toPorts[0].rules = {}; }, (m) => { delete eg(m).toPorts[0].rules; }, '/spec/egress/0/toPorts/0/rules', /rules must hold exactly one of http or dns/],
  ['Kafka rules, removed in 1.20', (m) => { eg(m).toPorts[0].rules = { kafka: [{ topic: 't' }] }; }, (m) => { eg(m).toPorts[0].rules = { http: [{}] }; }, '/spec/egress/0/toPorts/0/rules/kafka', /kafka rules were removed in Cilium 1.20/],
  ['fromRequires', (m) => { ing(m).fromRequires = [{ matchLabels: { env: 'prod' } }]; }, (m) => { ing(m).fromEndpoints[0].matchLabels.env = 'prod'; }, '/spec/ingress/0/fromRequires', /fromRequires is deprecated and the v1.20 CRD allows no items/],
  ['endPort above 65535', (m) => { eg(m).toPorts[0].ports[0].endPort = 70000; }, (m) => { eg(m).toPorts[0].ports[0].endPort = 65535; }, '/spec/egress/0/toPorts/0/ports/0/endPort', /endPort is an integer 0-65535/],
  ['a DNS name with a double dot', (m) => { m.spec.egress = [dnsRule, { toFQDNs: [{ matchName: 'a..example' }], toPorts: eg(m).toPorts }]; }, (m) => { m.spec.egress = [dnsRule, { toFQDNs: [{ matchName: 'a.example' }], toPorts: eg(m).toPorts }]; }, '/spec/egress/1/toFQDNs/0/matchName', /Invalid characters in MatchName/],
  ['matchName and matchPattern together', (m) => { m.spec.egress = [dnsRule, { toFQDNs: [{ matchName: 'a.example', matchPattern: '*.example' }], toPorts: eg(m).toPorts }]; }, (m) => { m.spec.egress = [dnsRule, { toFQDNs: [{ matchPattern: '*.example' }], toPorts: eg(m).toPorts }]; }, '/spec/egress/1/toFQDNs/0', /only one of MatchName or MatchPattern/],
  ['cidr and cidrGroupRef together', (m) => { eg(m).toEndpoints = undefined; eg(m).toCIDRSet = [{ cidr: '10.0.0.0/8', cidrGroupRef: 'g' }]; }, (m) => { eg(m).toEndpoints = undefined; eg(m).toCIDRSet = [{ cidrGroupRef: 'g' }]; }, '/spec/egress/0/toCIDRSet/0', /more than one of cidr, cidrGroupRef, or cidrGroupSelector may not be set/],
  ['ExtendedEchoReply (CRD typo)', (m) => { m.spec.egress.push({ toEntities: ['world'], icmps: [{ fields: [{ type: 'ExtendedEchoReply' }] }] }); }, (m) => { m.spec.egress.push({ toEntities: ['world'], icmps: [{ fields: [{ type: 43 }] }] }); }, '/spec/egress/1/icmps/0/fields/0/type', /upstream CRD typo rejects it; write 43/],
  ['duplicate serverNames', (m) => { eg(m).toPorts[0].serverNames = ['a.example', 'a.example']; }, (m) => { eg(m).toPorts[0].serverNames = ['a.example', 'b.example']; }, '/spec/egress/0/toPorts/0/serverNames', /duplicates are rejected/],
  ['toFQDNs in egressDeny', (m) => { m.spec.egressDeny = [{ toFQDNs: [{ matchName: 'a.example' }] }]; }, (m) => { m.spec.egressDeny = [{ toCIDRSet: [{ cidr: '203.0.113.0/24' }] }]; }, '/spec/egressDeny/0/toFQDNs', /egressDeny has no toFQDNs/],
  ['L7 rules in a deny port rule', (m) => { m.spec.egressDeny = [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{}] } }] }]; }, (m) => { m.spec.egressDeny = [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }]; }, '/spec/egressDeny/0/toPorts/0/rules', /deny rules support ports only/],
  ['a port given as a number', (m) => { eg(m).toPorts[0].ports[0].port = 80; }, (m) => { eg(m).toPorts[0].ports[0].port = '80'; }, '/spec/egress/0/toPorts/0/ports/0/port', /port is a string in CiliumNetworkPolicy/],
  ['metadata.name', (m) => { m.metadata.name = 'Bad_Name'; }, (m) => { m.metadata.name = 'bad-name'; }, '/metadata/name', /metadata.name must be a DNS subdomain/],
  ['wrong apiVersion', (m) => { m.apiVersion = 'cilium.io/v2alpha1'; }, () => undefined, '/apiVersion', /served as cilium.io\/v2 only/],
];

function errorsOf(manifest: any, options?: ValidatorOptions): Finding[] {
  return validateManifests([manifest], options).filter((f) => f.severity === 'error');
}

describe('Cilium rules: each rejects a manifest and accepts its near twin', () => {
  test('the base manifest is valid', () => {
    expect(validateManifests([base()])).toEqual([]);
    expect(validateManifests([hostPolicy()])).toEqual([]);
  });

  const cases = CASES.map(([name, reject, accept, path, message, options, start]) => ({ name, reject, accept, path, message, options, start: start ?? base }));
  test.each(cases)('$name', ({ reject, accept, path, message, options, start }) => {
    // GIVEN
    const bad = start();
    reject(bad);
    const good = start();
    accept(good);
    // WHEN / THEN
    const errors = errorsOf(bad, options);
    expect(errors).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message), kind: bad.kind, name: bad.metadata.name }));
    expect(errorsOf(good, options)).toEqual([]);
  });

  test('the toServices selector is not checked by the agent, so a key it would refuse elsewhere passes', () => {
    // GIVEN a toServices selector with a key the agent refuses in endpoint selectors
    const manifest = base();
    manifest.spec.egress = [{ toServices: [{ k8sServiceSelector: { namespace: 'data', selector: { matchLabels: { 'a:b:c': 'x' } } } }] }];
    // WHEN / THEN
    expect(errorsOf(manifest)).toEqual([]);
    manifest.spec.egress = [{ toServices: [{ k8sServiceSelector: { namespace: 'data' } }] }];
    expect(errorsOf(manifest)).toContainEqual(expect.objectContaining({ path: '/spec/egress/0/toServices/0/k8sServiceSelector/selector' }));
  });

  test('agent flags: the same rule passes when the flag is on', () => {
    const nodes = base();
    eg(nodes).toEndpoints = undefined;
    eg(nodes).toNodes = [{}];
    expect(errorsOf(nodes, { enableNodeSelectorLabels: true })).toEqual([]);
    const portless = base();
    eg(portless).toPorts[0].ports[0] = { protocol: 'VRRP' };
    expect(errorsOf(portless)).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/port must be specified/) }));
    expect(errorsOf(portless, { enableExtendedIpProtocols: true })).toEqual([]);
  });
});

describe('Cilium warnings (valid, but not doing what it says)', () => {
  const warningsOf = (m: any) => validateManifests([m]).filter((f) => f.severity === 'warning').map((f) => `${f.path}: ${f.message}`);

  test.each([
    ['toFQDNs without DNS visibility', (m: any) => { m.spec.egress.push({ toFQDNs: [{ matchName: 'pypi.org' }], toPorts: eg(m).toPorts }); }, /\/spec\/egress: toFQDNs only learns addresses from DNS answers that pass Cilium's DNS proxy/],
    ['authentication with mesh auth disabled', (m: any) => { eg(m).authentication = { mode: 'required' }; }, /mutual auth feature is disabled but an egress auth rule is defined in policy/],
    ['an excluded identity label', (m: any) => { ing(m).fromEndpoints[0] = { matchLabels: { 'statefulset.kubernetes.io/pod-name': 'db-0' } }; }, /Cilium leaves label "statefulset.kubernetes.io\/pod-name" out of security identities/],
    ['the namespace pinned in endpointSelector', (m: any) => { m.spec.endpointSelector.matchLabels['k8s:io.kubernetes.pod.namespace'] = 'other'; }, /replaces the namespace in endpointSelector with the policy's own \(ml\)/],
    ['an unprefixed namespace in endpointSelector', (m: any) => { m.spec.endpointSelector.matchLabels['io.kubernetes.pod.namespace'] = 'other'; }, /io.kubernetes.pod.namespace="other" is ANDed with the policy's own namespace \(ml\): this rule selects no pod/],
    ['world egress without a metadata deny', (m: any) => { m.spec.egress.push({ toEntities: ['world'], toPorts: eg(m).toPorts }); }, /reaches the cloud metadata endpoint 169.254.169.254/],
    ['octal port', (m: any) => { eg(m).toPorts[0].ports[0].port = '010'; }, /reads "010" as octal \(port 8\)/],
    ['digits-prefixed junk taken as a name', (m: any) => { eg(m).toPorts[0].ports[0].port = '80abc'; }, /takes "80abc" as a port name/],
    ['an L4-only allow next to L7 rules on the same port', (m: any) => { m.spec.egress.push({ toEndpoints: eg(m).toEndpoints, toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ method: 'GET' }] } }] }); }, /an L4-only allow and HTTP rules on the same peers and port 80 \(also at \/spec\/egress\/0\/toPorts\/0\): the L4 allow makes the L7 rules ineffective/],
    ['toServices without namespace', (m: any) => { m.spec.egress.push({ toServices: [{ k8sService: { serviceName: 'db' } }] }); }, /without namespace, toServices matches services of that name in every namespace/],
  ] as [string, Mutation, RegExp][])('%s', (_name, mutate, message) => {
    const manifest = base();
    mutate(manifest);
    expect(warningsOf(manifest)).toContainEqual(expect.stringMatching(message));
    expect(errorsOf(manifest)).toEqual([]);
    expect(warningsOf(base())).toEqual([]);
  });

  test('a CCNP with a namespace gets a warning about cluster scope', () => {
    const ccnp = hostPolicy();
    ccnp.metadata.namespace = 'train';
    expect(warningsOf(ccnp)).toContainEqual(expect.stringMatching(/cluster-scoped: the namespace is ignored/));
  });
});
