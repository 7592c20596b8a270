import { ConnectivityAnalyzer, validateManifests } from '../lib';

type Mutation = (m: any) => void;

function base(): any {
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'ml' },
    spec: {
      podSelector: { matchLabels: { app: 'a' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 80, protocol: 'TCP' }] }],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 443, protocol: 'TCP' }] }],
    },
  };
}
const ing = (m: any) => m.spec.ingress[0];
const eg = (m: any) => m.spec.egress[0];

const CASES: [string, Mutation, Mutation, string, RegExp][] = [
  ['protocol outside TCP/UDP/SCTP (schema)', (m) => { ing(m).ports[0].protocol = 'ICMP'; }, (m) => { ing(m).ports[0].protocol = 'SCTP'; }, '/spec/ingress/0/ports/0/protocol', /schema: must be equal to one of the allowed values \(SCTP, TCP, UDP\)/],
  ['policyTypes value (schema)', (m) => { m.spec.policyTypes = ['Ingress', 'egress']; }, (m) => { m.spec.policyTypes = ['Ingress', 'Egress']; }, '/spec/policyTypes/1', /schema: must be equal to one of the allowed values/],
  ['missing spec field types (schema)', (m) => { m.spec.ingress = {}; }, (m) => { m.spec.ingress = []; }, '/spec/ingress', /schema: must be array/],
  ['port above 65535', (m) => { ing(m).ports[0].port = 70000; }, (m) => { ing(m).ports[0].port = 65535; }, '/spec/ingress/0/ports/0/port', /must be between 1 and 65535, inclusive \(got 70000\)/],
  ['port 0', (m) => { ing(m).ports[0].port = 0; }, (m) => { delete ing(m).ports[0].port; }, '/spec/ingress/0/ports/0/port', /must be between 1 and 65535/],
  ['invalid port name', (m) => { ing(m).ports[0].port = 'HTTP_Port'; }, (m) => { ing(m).ports[0].port = 'http-port'; }, '/spec/ingress/0/ports/0/port', /a named port must be an IANA service name/],
  ['endPort with a named port', (m) => { ing(m).ports[0] = { port: 'http', endPort: 90, protocol: 'TCP' }; }, (m) => { ing(m).ports[0] = { port: 80, endPort: 90, protocol: 'TCP' }; }, '/spec/ingress/0/ports/0/endPort', /endPort needs a numeric port/],
  ['endPort below port', (m) => { ing(m).ports[0].endPort = 79; }, (m) => { ing(m).ports[0].endPort = 80; }, '/spec/ingress/0/ports/0/endPort', /must be from port \(80\) to 65535 \(got 79\)/],
  ['ipBlock combined with a selector', (m) => { eg(m).to[0].podSelector = {}; }, (m) => { eg(m).to.push({ podSelector: {} }); }, '/spec/egress/0/to/0', /may not combine ipBlock with podSelector or namespaceSelector/],
  ['an empty peer', (m) => { ing(m).from = [{}]; }, (m) => { ing(m).from = [{ podSelector: {} }]; }, '/spec/ingress/0/from/0', /must specify a peer/],
  ['an invalid CIDR', (m) => { eg(m).to[0].ipBlock.cidr = '10.0.0.0/33'; eg(m).to[0].ipBlock.except = []; }, (m) => { eg(m).to[0].ipBlock.cidr = '10.0.0.0/32'; eg(m).to[0].ipBlock.except = []; }, '/spec/egress/0/to/0/ipBlock/cidr', /must be a valid CIDR/],
  ['except outside cidr', (m) => { eg(m).to[0].ipBlock.except = ['192.168.0.0/16']; }, (m) => { eg(m).to[0].ipBlock.except = ['10.192.0.0/10']; }, '/spec/egress/0/to/0/ipBlock/except/0', /must be a strict subset of cidr 10.0.0.0\/8/],
  ['except equal to cidr', (m) => { eg(m).to[0].ipBlock.except = ['10.0.0.0/8']; }, (m) => { eg(m).to[0].ipBlock.except = ['10.0.0.0/9']; }, '/spec/egress/0/to/0/ipBlock/except/0', /strict subset/],
  ['repeated policyTypes', (m) => { m.spec.policyTypes = ['Ingress', 'Ingress', 'Egress']; }, (m) => { m.spec.policyTypes = ['Ingress', 'Egress']; }, '/spec/policyTypes', /may not repeat a type/],
  ['invalid label key', (m) => { m.spec.podSelector.matchLabels = { 'k8s:app': 'a' }; }, (m) => { m.spec.podSelector.matchLabels = { 'k8s.io/app': 'a' }; }, '/spec/podSelector/matchLabels/k8s:app', /a label key name/],
  ['In without values', (m) => { ing(m).from[0].podSelector = { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }; }, (m) => { ing(m).from[0].podSelector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['b'] }] }; }, '/spec/ingress/0/from/0/podSelector/matchExpressions/0/values', /Required value: must be specified when `operator` is 'In' or 'NotIn'/],
  ['unknown operator', (m) => { ing(m).from[0].namespaceSelector = { matchExpressions: [{ key: 'team', operator: 'Equals', values: ['x'] }] }; }, (m) => { ing(m).from[0].namespaceSelector = { matchExpressions: [{ key: 'team', operator: 'In', values: ['x'] }] }; }, '/spec/ingress/0/from/0/namespaceSelector/matchExpressions/0/operator', /operator must be one of In, NotIn, Exists, DoesNotExist/],
  ['label value too long', (m) => { m.spec.podSelector.matchLabels.app = 'a'.repeat(64); }, (m) => { m.spec.podSelector.matchLabels.app = 'a'.repeat(63); }, '/spec/podSelector/matchLabels/app', /a label value must be at most 63 characters/],
  ['name', (m) => { m.metadata.name = 'x'.repeat(254); }, (m) => { m.metadata.name = 'x'.repeat(253); }, '/metadata/name', /metadata.name must be a DNS subdomain/],
  ['namespace', (m) => { m.metadata.namespace = 'Team_A'; }, (m) => { m.metadata.namespace = 'team-a'; }, '/metadata/namespace', /a namespace is a DNS label/],
];

const errorsOf = (m: any) => validateManifests([m]).filter((f) => f.severity === 'error');

describe('NetworkPolicy rules: each rejects a manifest and accepts its near twin', () => {
  test('the base manifest is valid', () => {
    expect(validateManifests([base()])).toEqual([]);
  });

  test.each(CASES.map(([name, reject, accept, path, message]) => ({ name, reject, accept, path, message })))('$name', ({ reject, accept, path, message }) => {
    // GIVEN
    const bad = base();
    reject(bad);
    const good = base();
    accept(good);
    // THEN
    expect(errorsOf(bad)).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message), kind: 'NetworkPolicy', name: bad.metadata.name, namespace: bad.metadata.namespace }));
    expect(errorsOf(good)).toEqual([]);
  });

  test('a missing podSelector is a warning: the API server reads it as {}', () => {
    const manifest = base();
    delete manifest.spec.podSelector;
    expect(validateManifests([manifest])).toEqual([expect.objectContaining({ severity: 'warning', path: '/spec', message: expect.stringMatching(/podSelector is missing: the API server reads it as \{\}/) })]);
  });

  test('warnings: metadata endpoint in a broad egress ipBlock, rules of an unlisted direction', () => {
    // GIVEN
    const open = base();
    eg(open).to[0].ipBlock = { cidr: '0.0.0.0/0' };
    open.spec.policyTypes = ['Ingress'];
    const warnings = validateManifests([open]).map((f) => `${f.severity} ${f.path}: ${f.message}`);
    // THEN
    expect(warnings).toContainEqual(expect.stringMatching(/^warning \/spec\/egress\/0\/to\/0\/ipBlock: 0.0.0.0\/0 includes the cloud metadata endpoint 169.254.169.254\/32/));
    expect(warnings).toContainEqual(expect.stringMatching(/^warning \/spec\/egress: policyTypes does not list Egress, so these egress rules are ignored/));
    expect(errorsOf(open)).toEqual([]);
  });

  test('List objects (kubectl get -o yaml) are expanded, for the validator and the analyzer', () => {
    // GIVEN
    const bad = base();
    bad.spec.ingress[0].ports[0].port = 70000;
    const list = { apiVersion: 'v1', kind: 'List', items: [base(), { apiVersion: 'v1', kind: 'NetworkPolicyList', items: [bad] }] };
    // THEN
    expect(validateManifests([list])).toEqual([expect.objectContaining({ severity: 'error', name: 'p', path: '/spec/ingress/0/ports/0/port' })]);
    const analyzer = new ConnectivityAnalyzer({ namespaces: [{ name: 'ml' }], pods: [{ namespace: 'ml', name: 'a', labels: { app: 'a' } }, { namespace: 'ml', name: 'c', labels: { app: 'c' } }], manifests: [list] });
    expect(analyzer.policies.map((p) => p.ref)).toEqual(['NetworkPolicy ml/p', 'NetworkPolicy ml/p']);
    expect(analyzer.isAllowed({ from: 'ml/c', to: 'ml/a', port: 80 })).toBe(false);
  });

  test('other kinds are ignored; CiliumCIDRGroup is checked', () => {
    expect(validateManifests([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Not_Valid' } }])).toEqual([]);
    const group = { apiVersion: 'cilium.io/v2', kind: 'CiliumCIDRGroup', metadata: { name: 'g' }, spec: { externalCIDRs: ['203.0.113.0/24'] } };
    expect(validateManifests([group])).toEqual([]);
    expect(validateManifests([{ ...group, spec: { externalCIDRs: ['203.0.113.1'] } }])).toContainEqual(expect.objectContaining({ severity: 'error', path: '/spec/externalCIDRs/0' }));
  });
});
