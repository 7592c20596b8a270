import { PodInfo } from '../lib';
import { analyzer, netpol } from './helpers/cluster';

const DENY_ALL_INGRESS = netpol('x', 'deny-ingress', { podSelector: {} });

describe('Kubernetes NetworkPolicy semantics', () => {
  test('no policy allows everything', () => {
    // GIVEN
    const flows = analyzer([]);
    // WHEN / THEN
    expect(flows).toAllow('x/a', 'y/b', 80);
    expect(flows).toAllow('203.0.113.7', 'x/a', 80);
    expect(flows.dataplane).toEqual('kubernetes');
  });

  test('policyTypes omitted, no rules: ingress isolated, egress untouched', () => {
    // GIVEN
    const flows = analyzer([DENY_ALL_INGRESS]);
    // WHEN / THEN
    expect(flows).toDeny('y/a', 'x/a', 80);
    expect(flows).toAllow('x/a', 'y/a', 80);
    expect(flows).toAllow('y/a', 'z/a', 80);
  });

  test('policyTypes omitted with only egress rules still isolates ingress', () => {
    // GIVEN
    const flows = analyzer([netpol('x', 'p', { podSelector: { matchLabels: { pod: 'a' } }, egress: [{ to: [{ podSelector: {} }] }] })]);
    // WHEN / THEN
    expect(flows).toDeny('x/b', 'x/a', 80);
    expect(flows).toAllow('x/a', 'x/b', 80);
    expect(flows).toDeny('x/a', 'y/b', 80);
  });

  test('policyTypes omitted with egress: [] does not infer Egress', () => {
    // GIVEN
    const flows = analyzer([netpol('x', 'p', { podSelector: {}, ingress: [{}], egress: [] })]);
    // WHEN / THEN
    expect(flows).toAllow('x/a', 'y/b', 80);
  });

  test('rules of a direction missing from explicit policyTypes are ignored', () => {
    // GIVEN
    const flows = analyzer([netpol('x', 'p', { podSelector: {}, policyTypes: ['Egress'], ingress: [{ from: [{ podSelector: {} }] }] })]);
    // WHEN / THEN
    expect(flows).toAllow('y/a', 'x/a', 80);
    expect(flows).toDeny('x/a', 'x/b', 80);
  });

  test('ingress: [{}] and from: [] allow everyone, external IPs included', () => {
    for (const ingress of [[{}], [{ from: [] }]]) {
      const flows = analyzer([netpol('x', 'p', { podSelector: {}, ingress })]);
      expect(flows).toAllow('y/a', 'x/a', 80);
      expect(flows).toAllow('203.0.113.7', 'x/a', 80);
    }
  });

  test('podSelector {} is the policy namespace only; namespaceSelector {} is every pod but no external IP', () => {
    // GIVEN
    const same = analyzer([netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })]);
    // WHEN / THEN
    expect(same).toAllow('x/b', 'x/a', 80);
    expect(same).toDeny('y/b', 'x/a', 80);
    const all = analyzer([netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] })]);
    expect(all).toAllow('z/c', 'x/a', 80);
    expect(all).toDeny('203.0.113.7', 'x/a', 80);
  });

  test('namespaceSelector AND podSelector in one peer, OR in two peers', () => {
    // GIVEN
    const and = analyzer([netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } }] }] })]);
    // WHEN / THEN
    expect(and).toAllow('y/b', 'x/a', 80);
    expect(and).toDeny('y/a', 'x/a', 80);
    expect(and).toDeny('x/b', 'x/a', 80);
    const or = analyzer([netpol('x', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'y' } } }, { podSelector: { matchLabels: { pod: 'b' } } }] }] })]);
    expect(or).toAllow('y/a', 'x/a', 80);
    expect(or).toAllow('x/b', 'x/a', 80);
    expect(or).toDeny('z/b', 'x/a', 80);
  });

  test('ipBlock with except, host bits ignored, IPv4 never matches IPv6', () => {
    // GIVEN
    const flows = analyzer([netpol('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '203.0.113.77/24', except: ['203.0.113.128/25'] } }, { ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:ffff::/48'] } }] }] })]);
    // WHEN / THEN
    expect(flows).toAllow('x/a', '203.0.113.7', 443);
    expect(flows).toDeny('x/a', '203.0.113.200', 443);
    expect(flows).toAllow('x/a', '2001:db8::1', 443);
    expect(flows).toDeny('x/a', '2001:db8:ffff::1', 443);
    expect(flows).toDeny('x/a', '::ffff:203.0.113.7', 443);
  });

  test('ipBlock selects pod IPs by conformance; the alternative reading is an option', () => {
    // GIVEN
    const policy = netpol('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.1.0/24' } }] }] });
    // WHEN / THEN
    expect(analyzer([policy])).toAllow('x/a', 'y/b', 80);
    expect(analyzer([policy], { ipBlockMatchesPodIps: false })).toDeny('x/a', 'y/b', 80);
  });

  test('named ports resolve on the destination pod, with their protocol', () => {
    // GIVEN
    const pods: PodInfo[] = [
      { namespace: 'x', name: 'a', labels: { pod: 'a' }, ports: [{ port: 8080, name: 'http' }] },
      { namespace: 'x', name: 'b', labels: { pod: 'b' }, ports: [{ port: 9090, name: 'http' }, { port: 5000, protocol: 'SCTP' as const, name: 'newport' }] },
      { namespace: 'x', name: 'c', labels: { pod: 'c' } },
    ];
    const flows = analyzer([netpol('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }, { port: 'newport', protocol: 'UDP' }] }] })], {}, pods);
    // WHEN / THEN
    expect(flows).toAllow('x/c', 'x/a', 8080);
    expect(flows).toDeny('x/c', 'x/a', 9090);
    expect(flows).toAllow('x/c', 'x/b', 9090);
    expect(flows).toAllow('x/c', 'x/b', 'http');
    expect(flows).toDeny('x/c', 'x/b', 5000, 'UDP');
    expect(flows).toDeny('x/c', 'x/b', 5000, 'SCTP');
  });

  test('a named egress port never matches an external destination', () => {
    // GIVEN
    const flows = analyzer([netpol('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })]);
    // WHEN / THEN
    expect(flows).toAllow('x/a', 'y/b', 80);
    expect(flows).toDeny('x/a', '203.0.113.7', 80);
  });

  test('endPort ranges are inclusive; protocol defaults to TCP; SCTP is not TCP', () => {
    // GIVEN
    const flows = analyzer([netpol('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 30000, endPort: 30010 }, { protocol: 'UDP' }, { protocol: 'SCTP', port: 80 }] }] })]);
    // WHEN / THEN
    expect(flows).toAllow('y/a', 'x/a', 30000);
    expect(flows).toAllow('y/a', 'x/a', 30010);
    expect(flows).toDeny('y/a', 'x/a', 30011);
    expect(flows).toDeny('y/a', 'x/a', 30005, 'SCTP');
    expect(flows).toAllow('y/a', 'x/a', 12345, 'UDP');
    expect(flows).toAllow('y/a', 'x/a', 80, 'SCTP');
    expect(flows).toDeny('y/a', 'x/a', 80, 'TCP');
  });

  test('NotIn matches a pod without the key; DoesNotExist and Exists', () => {
    // GIVEN
    const pods: PodInfo[] = [
      { namespace: 'x', name: 'a', labels: { pod: 'a' } },
      { namespace: 'x', name: 'b', labels: { pod: 'b', env: 'prod' } },
      { namespace: 'x', name: 'c', labels: { pod: 'c', env: 'dev' } },
    ];
    const flows = analyzer([netpol('x', 'p', { podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['a'] }] }, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] } }] }] })], {}, pods);
    // WHEN / THEN
    expect(flows).toAllow('x/c', 'x/a', 80);
    expect(flows).toDeny('x/b', 'x/a', 80);
    const noKey = analyzer([netpol('x', 'p', { podSelector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] } }] }] })], {}, pods);
    expect(noKey).toAllow('x/a', 'x/b', 80);
    expect(noKey).toDeny('x/c', 'x/b', 80);
    expect(noKey).toAllow('x/b', 'x/a', 80);
  });

  test('null matchLabels and matchExpressions mean empty', () => {
    // GIVEN
    const flows = analyzer([netpol('x', 'p', { podSelector: { matchLabels: null, matchExpressions: null }, ingress: [{ from: [{ namespaceSelector: { matchLabels: null }, podSelector: { matchExpressions: null } }] }] })]);
    // WHEN / THEN
    expect(flows).toAllow('z/c', 'x/a', 80);
    expect(flows).toDeny('203.0.113.7', 'x/b', 80);
  });

  test('policies are a union: deny-all plus allow-all allows', () => {
    expect(analyzer([DENY_ALL_INGRESS, netpol('x', 'allow', { podSelector: {}, ingress: [{}] })])).toAllow('y/a', 'x/a', 80);
  });

  test('both sides must agree: egress of the source AND ingress of the destination', () => {
    // GIVEN
    const flows = analyzer([
      netpol('x', 'egress', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Egress'] }),
      netpol('y', 'ingress', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }),
    ]);
    const explanation = flows.explain({ from: 'x/a', to: 'y/b', port: 80 });
    // WHEN / THEN
    expect(explanation.allowed).toBe(false);
    expect(explanation.egress?.allowed).toBe(false);
    expect(explanation.ingress?.allowed).toBe(true);
    expect(explanation.ingress?.allowedBy).toEqual(['NetworkPolicy y/ingress spec.ingress[0]']);
    expect(explanation.summary).toMatch(/DENIED/);
    expect(flows).toAllow('x/b', 'y/b', 80);
  });

  test('a policy never selects pods of another namespace; a missing namespace means default', () => {
    // GIVEN
    const other = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p' }, spec: { podSelector: {} } };
    const flows = analyzer([DENY_ALL_INGRESS, other]);
    // WHEN / THEN
    expect(flows).toAllow('x/a', 'y/a', 80);
    expect(flows.explain({ from: 'x/a', to: 'y/a', port: 80 }).ingress?.selectedBy).toEqual([]);
  });

  test('toMatchFlows checks a whole table and explains each flow that differs', () => {
    // GIVEN
    const flows = analyzer([DENY_ALL_INGRESS]);
    // WHEN / THEN
    expect(flows).toMatchFlows([{ from: 'x/a', to: 'y/a', port: 80, expect: 'allow' }, { from: 'y/a', to: 'x/a', port: 80, expect: 'deny' }]);
    expect(() => expect(flows).toMatchFlows([{ from: 'y/a', to: 'x/a', port: 80, expect: 'allow', because: 'the test says so' }]))
      .toThrow(/1 of 1 flows differ:\n\nexpected ALLOW \(the test says so\)\ny\/a -> x\/a 80\/TCP: DENIED/);
  });

  test('traffic from the local node is always admitted', () => {
    expect(analyzer([DENY_ALL_INGRESS])).toAllow('entity:host', 'x/a', 80);
  });

  test('hostNetwork pods are flagged undetermined; AdminNetworkPolicy-style objects are reported, not evaluated', () => {
    // GIVEN
    const pods: PodInfo[] = [{ namespace: 'x', name: 'agent', labels: { pod: 'agent' }, hostNetwork: true }, { namespace: 'x', name: 'a', labels: { pod: 'a' } }];
    const flows = analyzer([DENY_ALL_INGRESS, { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'tier' }, spec: {} }], {}, pods);
    // WHEN / THEN
    expect(flows.explain({ from: 'x/agent', to: 'x/a', port: 80 }).undetermined).toMatch(/x\/agent uses hostNetwork/);
    expect(flows.explain({ from: 'x/a', to: 'x/agent', port: 80 }).summary).toMatch(/UNDETERMINED/);
    expect(flows.explain({ from: '10.9.9.9', to: 'x/a', port: 80 }).undetermined).toBeUndefined();
    expect(flows.notes).toEqual(['AdminNetworkPolicy tier is not evaluated: its tiers act before and after NetworkPolicy, so verdicts that it affects are wrong']);
  });

  test('objects the API server or agent would reject are named in notes; excludeRejected leaves them out; malformed ones never crash', () => {
    // GIVEN a policy with a port out of range, and one that cannot even be read
    const rejected = netpol('x', 'bad-port', { podSelector: {}, ingress: [{ ports: [{ port: 70000 }] }] });
    const malformed = netpol('x', 'malformed', { podSelector: { matchExpressions: 'x' }, ingress: [null, { from: 'f' }], egress: 'e' });
    // WHEN / THEN
    const asWritten = analyzer([rejected, malformed]);
    expect(asWritten.notes).toContainEqual(expect.stringMatching(/^NetworkPolicy x\/bad-port would be rejected \(\/spec\/ingress\/0\/ports\/0\/port: must be between 1 and 65535.*evaluated as written$/));
    expect(asWritten).toDeny('y/a', 'x/a', 80);
    expect(asWritten.isAllowed({ from: 'x/a', to: 'y/a', port: 80 })).toBe(true);
    const asEnforced = analyzer([rejected], { excludeRejected: true });
    expect(asEnforced.notes).toContainEqual(expect.stringMatching(/left out, as the cluster would$/));
    expect(asEnforced).toAllow('y/a', 'x/a', 80);
  });

  test('other kinds are ignored; unknown pods and ports are errors', () => {
    // GIVEN
    const flows = analyzer([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, DENY_ALL_INGRESS]);
    // WHEN / THEN
    expect(flows.policies).toHaveLength(1);
    expect(() => flows.isAllowed({ from: 'x/nope', to: 'x/a', port: 80 })).toThrow(/unknown pod "x\/nope"/);
    expect(() => flows.isAllowed({ from: 'x/a', to: 'x/b', port: 'missing' })).toThrow(/no TCP container port named "missing"/);
  });
});
