import { PodInfo } from '../lib';
import { analyzer, ccnp, cnp, netpol } from './helpers/cluster';

const ISOLATE_X = cnp('x', 'isolate', { endpointSelector: {}, ingress: [{}], egress: [{}] });

describe('Cilium L3/L4 semantics', () => {
  test('a CNP selects only its namespace; fromEndpoints [{}] is the policy namespace', () => {
    // GIVEN
    const flows = analyzer([cnp('x', 'p', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] })]);
    // WHEN / THEN
    expect(flows.dataplane).toEqual('cilium');
    expect(flows).toAllow('x/b', 'x/a', 80);
    expect(flows).toDeny('y/b', 'x/a', 80);
    expect(flows).toAllow('x/b', 'y/a', 80);
  });

  test('a namespace key in endpointSelector is overwritten by the policy namespace', () => {
    // GIVEN
    const flows = analyzer([cnp('x', 'p', { endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'y' } }, ingress: [{}] })]);
    // WHEN / THEN
    expect(flows).toDeny('z/a', 'x/a', 80);
    expect(flows).toAllow('z/a', 'y/a', 80);
  });

  test('peer selectors reach other namespaces by name or namespace labels', () => {
    // GIVEN
    const flows = analyzer([cnp('x', 'p', { endpointSelector: {}, ingress: [
      { fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'y', pod: 'b' } }] },
      { fromEndpoints: [{ matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'red' } }] },
    ] })]);
    // WHEN / THEN
    expect(flows).toAllow('y/b', 'x/a', 80);
    expect(flows).toDeny('y/a', 'x/a', 80);
    expect(flows).toAllow('x/c', 'x/a', 80);
    expect(flows).toDeny('z/c', 'x/a', 80);
  });

  test('a CCNP selects pods in every namespace; its {} peer is every pod but no reserved identity', () => {
    // GIVEN
    const flows = analyzer([ccnp('all', { endpointSelector: { matchLabels: { pod: 'a' } }, ingress: [{ fromEndpoints: [{}] }] })]);
    // WHEN / THEN
    expect(flows).toAllow('z/b', 'x/a', 80);
    expect(flows).toAllow('x/b', 'y/a', 80);
    expect(flows).toDeny('entity:remote-node', 'y/a', 80);
    expect(flows).toDeny('203.0.113.7', 'y/a', 80);
  });

  test('CIDR rules never select pods; entities select what they name', () => {
    // GIVEN
    const flows = analyzer([cnp('x', 'p', { endpointSelector: {}, egress: [
      { toCIDRSet: [{ cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
      { toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] },
    ] })]);
    // WHEN / THEN
    expect(flows).toAllow('x/a', '198.51.100.1', 443);
    expect(flows).toDeny('x/a', '169.254.169.254', 443);
    expect(flows).toDeny('x/a', 'y/a', 443);
    expect(flows).toAllow('x/a', 'kube-apiserver', 6443);
    expect(flows).toDeny('x/a', 'kube-apiserver', 443);
    const world = analyzer([cnp('x', 'p', { endpointSelector: {}, egress: [{ toEntities: ['world'] }] })]);
    expect(world).toAllow('x/a', '198.51.100.1', 80);
    expect(world).toAllow('x/a', 'pypi.org', 443);
    expect(world).toDeny('x/a', 'y/a', 80);
    expect(world).toDeny('x/a', 'kube-apiserver', 443);
    const cluster = analyzer([cnp('x', 'p', { endpointSelector: {}, egress: [{ toEntities: ['cluster'] }] })]);
    expect(cluster).toAllow('x/a', 'z/c', 80);
    expect(cluster).toAllow('x/a', 'entity:host', 80);
    expect(cluster).toDeny('x/a', '198.51.100.1', 80);
  });

  test('an ipBlock of a NetworkPolicy does not select pods on Cilium', () => {
    // GIVEN
    const policy = netpol('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] });
    // WHEN / THEN
    expect(analyzer([policy])).toAllow('x/a', 'y/b', 80);
    expect(analyzer([policy], { dataplane: 'cilium' })).toDeny('x/a', 'y/b', 80);
    expect(analyzer([policy], { dataplane: 'cilium' })).toAllow('x/a', '10.200.0.1', 80);
  });

  test('an ipBlock reaches the API server by its endpoint IP on plain NetworkPolicy, never on Cilium', () => {
    // GIVEN
    const policy = netpol('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '172.18.0.2/32' } }], ports: [{ port: 6443 }] }] });
    const options = { kubeApiServerIps: ['172.18.0.2'] };
    // WHEN / THEN
    expect(analyzer([policy], options)).toAllow('x/a', 'kube-apiserver', 6443);
    expect(analyzer([policy], options)).toAllow('x/a', '172.18.0.2', 6443);
    expect(analyzer([policy], { ...options, dataplane: 'cilium' })).toDeny('x/a', 'kube-apiserver', 6443);
    expect(analyzer([policy], { ...options, dataplane: 'cilium' })).toDeny('x/a', '172.18.0.2', 6443);
  });

  test('queries accept lower-case protocols and numeric strings, and refuse other protocols', () => {
    // GIVEN
    const flows = analyzer([cnp('x', 'p', { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] }] })]);
    // WHEN / THEN
    expect(flows.isAllowed({ from: 'y/a', to: 'x/a', port: '53', protocol: 'udp' as 'UDP' })).toBe(true);
    expect(() => flows.isAllowed({ from: 'y/a', to: 'x/a', port: 53, protocol: 'ICMP' as 'UDP' })).toThrow(/protocol "ICMP" is not TCP, UDP or SCTP/);
  });

  test('toPorts: endPort ranges, ANY protocol, port "0", named ports', () => {
    // GIVEN
    const flows = analyzer([cnp('x', 'p', { endpointSelector: {}, ingress: [
      { fromEndpoints: [{ matchLabels: { pod: 'b' } }], toPorts: [{ ports: [{ port: '29400', endPort: 29500, protocol: 'TCP' }] }] },
      { fromEndpoints: [{ matchLabels: { pod: 'c' } }], toPorts: [{ ports: [{ port: '53' }] }, { ports: [{ port: '0', protocol: 'SCTP' }] }] },
      { fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'y' } }], toPorts: [{ ports: [{ port: 'serve-81-tcp', protocol: 'TCP' }] }] },
    ] })]);
    // WHEN / THEN
    expect(flows).toAllow('x/b', 'x/a', 29450);
    expect(flows).toDeny('x/b', 'x/a', 29501);
    expect(flows).toAllow('x/c', 'x/a', 53, 'UDP');
    expect(flows).toAllow('x/c', 'x/a', 53, 'TCP');
    expect(flows).toAllow('x/c', 'x/a', 9999, 'SCTP');
    expect(flows).toDeny('x/c', 'x/a', 9999, 'TCP');
    expect(flows).toAllow('y/c', 'x/a', 81);
    expect(flows).toDeny('y/c', 'x/a', 80);
  });

  test('deny rules win over any allow, a NetworkPolicy allow included', () => {
    // GIVEN
    const flows = analyzer([
      netpol('x', 'allow-all', { podSelector: {}, ingress: [{}] }),
      cnp('x', 'deny', { endpointSelector: {}, ingress: [{ fromEntities: ['all'] }], ingressDeny: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'y' } }], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] }),
    ]);
    // WHEN / THEN
    expect(flows).toDeny('y/a', 'x/a', 80);
    expect(flows).toAllow('y/a', 'x/a', 81);
    expect(flows).toAllow('z/a', 'x/a', 80);
    expect(flows.explain({ from: 'y/a', to: 'x/a', port: 80 }).ingress?.deniedBy).toEqual(['CiliumNetworkPolicy x/deny spec.ingressDeny[0]']);
  });

  test('a deny-only policy turns on default deny; enableDefaultDeny false does not', () => {
    // GIVEN
    const denyOnly = analyzer([cnp('x', 'p', { endpointSelector: {}, ingressDeny: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }] })]);
    // WHEN / THEN
    expect(denyOnly).toDeny('x/c', 'x/a', 80);
    const additive = analyzer([cnp('x', 'p', { endpointSelector: {}, enableDefaultDeny: { ingress: false }, ingress: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }] })]);
    expect(additive).toAllow('y/c', 'x/a', 80);
    // With another policy isolating x/a, the additive policy's allow counts (x/b's own egress is isolated too).
    const combined = analyzer([ISOLATE_X, cnp('x', 'q', { endpointSelector: {}, enableDefaultDeny: { ingress: false }, ingress: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }] })]);
    expect(combined.explain({ from: 'x/b', to: 'x/a', port: 80 }).ingress).toMatchObject({ allowed: true, isolated: true, allowedBy: ['CiliumNetworkPolicy x/q spec.ingress[0]'] });
    expect(combined.explain({ from: 'x/c', to: 'x/a', port: 80 }).ingress?.allowed).toBe(false);
  });

  test('an empty rule allows nothing; a rule with ports and no peer allows every peer on those ports', () => {
    expect(analyzer([ISOLATE_X])).toDeny('x/b', 'x/a', 80);
    expect(analyzer([ISOLATE_X])).toDeny('x/a', 'x/b', 80);
    const l4 = analyzer([cnp('x', 'p', { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] })]);
    expect(l4).toAllow('203.0.113.7', 'x/a', 80);
    expect(l4).toAllow('z/a', 'x/a', 80);
    expect(l4).toDeny('z/a', 'x/a', 81);
  });

  test('toFQDNs needs the DNS proxy to see the name; patterns match one label, ** several', () => {
    // GIVEN
    const dns = { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] };
    const fqdn = { toFQDNs: [{ matchName: 'huggingface.co' }, { matchPattern: '*.hf.co' }, { matchPattern: '**.xethub.hf.co' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };
    const flows = analyzer([cnp('x', 'p', { endpointSelector: {}, egress: [dns, fqdn] })]);
    // WHEN / THEN
    expect(flows).toAllow('x/a', 'huggingface.co', 443);
    expect(flows).toAllow('x/a', 'HuggingFace.co.', 443);
    expect(flows).toAllow('x/a', 'cdn-lfs-us-1.hf.co', 443);
    expect(flows).toDeny('x/a', 'a.b.hf.co', 443);
    expect(flows).toAllow('x/a', 'cas-bridge.xethub.hf.co', 443);
    expect(flows).toAllow('x/a', 'a.b.xethub.hf.co', 443);
    expect(flows).toDeny('x/a', 'pypi.org', 443);
    expect(flows).toDeny('x/a', 'huggingface.co', 80);
    const blind = analyzer([cnp('x', 'p', { endpointSelector: {}, egress: [fqdn] })]);
    expect(blind).toDeny('x/a', 'huggingface.co', 443);
    expect(blind.explain({ from: 'x/a', to: 'huggingface.co', port: 443 }).egress?.reason).toMatch(/no rule sends the pod's DNS through the Cilium DNS proxy/);
  });

  test('a NetworkPolicy and a CNP on the same pod: the union of their allows, isolation if either isolates', () => {
    // GIVEN
    const flows = analyzer([
      netpol('x', 'np', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }] }),
      cnp('x', 'cnp', { endpointSelector: { matchLabels: { pod: 'a' } }, ingress: [{ fromEndpoints: [{ matchLabels: { pod: 'c' } }] }] }),
    ]);
    // WHEN / THEN
    expect(flows).toAllow('x/b', 'x/a', 80);
    expect(flows).toAllow('x/c', 'x/a', 80);
    expect(flows).toDeny('y/a', 'x/a', 80);
    expect(flows.explain({ from: 'x/b', to: 'x/a', port: 80 }).ingress?.selectedBy).toEqual(['NetworkPolicy x/np', 'CiliumNetworkPolicy x/cnp spec']);
  });

  test('labels Cilium leaves out of the identity never match; every rule of specs counts', () => {
    // GIVEN
    const pods: PodInfo[] = [
      { namespace: 'x', name: 'a', labels: { pod: 'a' } },
      { namespace: 'x', name: 'b', labels: { pod: 'b', 'statefulset.kubernetes.io/pod-name': 'b', 'batch.kubernetes.io/job-name': 'j' } },
    ];
    const flows = analyzer([{ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { namespace: 'x', name: 'p' }, specs: [
      { endpointSelector: { matchLabels: { pod: 'a' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'statefulset.kubernetes.io/pod-name': 'b' } }] }] },
      { endpointSelector: { matchLabels: { pod: 'a' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'batch.kubernetes.io/job-name': 'j' } }] }], toPorts: [] },
    ] }], {}, pods);
    // WHEN / THEN
    expect(flows).toAllow('x/b', 'x/a', 80);
    expect(flows.explain({ from: 'x/b', to: 'x/a', port: 80 }).ingress?.allowedBy).toEqual(['CiliumNetworkPolicy x/p specs[1].ingress[0]']);
  });

  test('enable-policy=always isolates unselected pods too', () => {
    expect(analyzer([], { dataplane: 'cilium', ciliumPolicyEnforcement: 'always' })).toDeny('x/a', 'y/a', 80);
  });

  test('the kubernetes dataplane ignores Cilium policies and says so', () => {
    // GIVEN
    const flows = analyzer([ISOLATE_X], { dataplane: 'kubernetes' });
    // WHEN / THEN
    expect(flows).toAllow('y/a', 'x/a', 80);
    expect(flows.notes).toContain('Cilium policies are ignored: the kubernetes dataplane does not enforce them');
  });
});

test('reachablePods lists, for every pod, the pods it may reach', () => {
  // GIVEN x/a accepts only x/b
  const flows = analyzer([cnp('x', 'p', { endpointSelector: { matchLabels: { pod: 'a' } }, ingress: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }] })]);
  // WHEN
  const reachable = flows.reachablePods(80);
  // THEN
  expect(reachable.get('x/b')).toContain('x/a');
  expect(reachable.get('x/c')).not.toContain('x/a');
  // x/a's egress is open, but its own ingress admits only x/b: it reaches every pod but itself.
  expect(reachable.get('x/a')).toHaveLength(flows.pods.length - 1);
  expect(reachable.get('x/a')).not.toContain('x/a');
});

describe('all-pairs matrix agrees with single queries', () => {
  test.each([
    ['kubernetes', [
      netpol('x', 'a', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'blue' } } }], ports: [{ port: 'serve-80-tcp' }] }] }),
      netpol('y', 'b', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { ns: 'x' } }, podSelector: { matchLabels: { pod: 'a' } } }] }] }),
    ]],
    ['cilium', [
      cnp('x', 'a', { endpointSelector: { matchLabels: { pod: 'a' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'blue' } }], toPorts: [{ ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }] }] }] }),
      cnp('y', 'b', { endpointSelector: {}, egress: [{ toEndpoints: [{}] }, { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'x' } }] }], egressDeny: [{ toEndpoints: [{ matchLabels: { pod: 'c' } }] }] }),
    ]],
  ] as [string, object[]][])('%s', (_name, manifests) => {
    const flows = analyzer(manifests);
    for (const port of [80, 81]) {
      const matrix = flows.matrix(port);
      for (const src of flows.pods) {
        for (const dst of flows.pods) {
          if (src === dst) continue;
          expect([src.ref, dst.ref, port, matrix[src.index].has(dst.index)]).toEqual([src.ref, dst.ref, port, flows.isAllowed({ from: src.ref, to: dst.ref, port })]);
        }
      }
    }
  });
});
