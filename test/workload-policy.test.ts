import {
  CiliumEntity, ClusterDns, LabelExpression, LabelSelector, NamespaceSelector, Peer, PolicyFlavor, Port, Protocol, WorkloadPolicy,
} from '../lib';
import { allPorts, ciliumPeerKinds, newChart, only } from './helpers/manifests';

const FLAVORS = [PolicyFlavor.KUBERNETES, PolicyFlavor.CILIUM];

describe('WorkloadPolicy secure defaults', () => {
  test.each(FLAVORS)('%s: a policy without rules denies both directions but allows cluster DNS', (flavor) => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', { name: 'locked', namespace: 'ml', flavor, selector: LabelSelector.labels({ app: 'x' }) });
    // THEN
    const manifest = only(chart);
    expect(manifest).toMatchSnapshot();
    expect(manifest.metadata).toEqual({ name: 'locked', namespace: 'ml', labels: { 'app.kubernetes.io/managed-by': 'cdk8s-ml-netpol' } });
    expect(JSON.stringify(manifest.spec.egress)).toContain('kube-dns');
    expect(allPorts(manifest).map((p) => `${p.port}/${p.protocol}`).sort()).toEqual(['53/TCP', '53/UDP']);
  });

  test('kubernetes: both policyTypes written, no ingress rule means deny all ingress', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', { name: 'locked', namespace: 'ml' });
    const spec = only(chart).spec;
    // THEN
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(spec.ingress).toBeUndefined();
    expect(spec.podSelector).toEqual({});
    expect(spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }],
    }]);
  });

  test('cilium: default deny is explicit and an isolated direction without rules gets the empty rule', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', { name: 'locked', namespace: 'ml', flavor: PolicyFlavor.CILIUM });
    const spec = only(chart).spec;
    // THEN
    expect(spec.enableDefaultDeny).toEqual({ ingress: true, egress: true });
    expect(spec.ingress).toEqual([{}]);
    expect(spec.endpointSelector).toEqual({});
    const dnsRule = spec.egress.find((r: any) => r.toPorts?.[0]?.rules?.dns);
    expect(dnsRule.toEndpoints).toEqual([{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }]);
    expect(dnsRule.toPorts[0].rules).toEqual({ dns: [{ matchPattern: '*' }] });
  });

  test.each(FLAVORS)('%s: ClusterDns.disabled() really removes DNS', (flavor) => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', { name: 'no-dns', namespace: 'ml', flavor, dns: ClusterDns.disabled() });
    const spec = only(chart).spec;
    // THEN
    expect(JSON.stringify(spec)).not.toContain('53');
    expect(flavor === PolicyFlavor.CILIUM ? spec.egress : spec.policyTypes).toEqual(flavor === PolicyFlavor.CILIUM ? [{}] : ['Ingress', 'Egress']);
  });

  test.each(FLAVORS)('%s: OpenShift DNS and NodeLocal DNSCache', (flavor) => {
    // GIVEN
    const chart = newChart();
    // WHEN (Cilium reaches NodeLocal DNSCache through a Local Redirect Policy to its pods)
    new WorkloadPolicy(chart, 'A', { name: 'openshift', namespace: 'ml', flavor, dns: ClusterDns.openShift() });
    new WorkloadPolicy(chart, 'B', { name: 'nodelocal', namespace: 'ml', flavor, dns: flavor === PolicyFlavor.CILIUM ? ClusterDns.kubeDns({ podLabels: { 'k8s-app': 'node-local-dns' }, resolverCidrs: [] }) : ClusterDns.nodeLocal() });
    const [openshift, nodeLocal] = chart.toJson();
    // THEN
    expect(allPorts(openshift).map((p) => String(p.port))).toEqual(['5353', '5353']);
    expect(JSON.stringify(openshift.spec)).toContain('openshift-dns');
    expect(JSON.stringify(nodeLocal.spec)).toContain(flavor === PolicyFlavor.CILIUM ? 'node-local-dns' : '169.254.20.10/32');
    expect(nodeLocal).toMatchSnapshot();
  });

  test.each(FLAVORS)('%s: a broad CIDR never includes the cloud metadata endpoint', (flavor) => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', {
      name: 'egress', namespace: 'ml', flavor,
      egress: [{ to: [Peer.cidr('0.0.0.0/0'), Peer.cidr('::/0'), Peer.cidr('10.0.0.0/8'), Peer.cidr('169.254.0.0/16', ['169.254.0.0/17'])], ports: [Port.tcp(443)] }],
    });
    const text = JSON.stringify(only(chart).spec);
    const blocks = flavor === PolicyFlavor.CILIUM
      ? only(chart).spec.egress.flatMap((r: any) => r.toCIDRSet ?? [])
      : only(chart).spec.egress.flatMap((r: any) => r.to.map((p: any) => p.ipBlock).filter(Boolean));
    // THEN
    expect(blocks).toEqual(expect.arrayContaining([
      { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] },
      { cidr: '::/0', except: ['fd00:ec2::254/128'] },
      { cidr: '10.0.0.0/8' },
      { cidr: '169.254.0.0/16', except: ['169.254.0.0/17', '169.254.169.254/32'] },
    ]));
    expect(text).not.toContain('"cidr":"169.254.169.254/32"');
  });

  test('cilium: the world entity comes with an egressDeny of the metadata endpoints', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', {
      name: 'world', namespace: 'ml', flavor: PolicyFlavor.CILIUM,
      egress: [{ to: [Peer.entity(CiliumEntity.WORLD)], ports: [Port.tcp(443)] }],
    });
    const spec = only(chart).spec;
    // THEN
    expect(spec.egressDeny).toEqual([{ toCIDRSet: [{ cidr: '169.254.169.254/32' }, { cidr: 'fd00:ec2::254/128' }] }]);
    expect(spec.egress).toContainEqual({ toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] });
  });

  test('blockCloudMetadata: false allows the metadata endpoint explicitly', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', {
      name: 'imds', namespace: 'ml', blockCloudMetadata: false,
      egress: [{ to: [Peer.cidr('169.254.169.254/32'), Peer.cidr('0.0.0.0/0')], ports: [Port.tcp(80)] }],
    });
    const ipBlocks = only(chart).spec.egress.flatMap((r: any) => r.to.map((p: any) => p.ipBlock).filter(Boolean));
    // THEN
    expect(ipBlocks).toEqual([{ cidr: '0.0.0.0/0' }, { cidr: '169.254.169.254/32' }]);
  });
});

describe('WorkloadPolicy peers and ports', () => {
  const everyPeerKind = (flavor: PolicyFlavor) => [
    Peer.pods({ labels: { role: 'server' } }),
    Peer.pods({ labels: { app: 'postgres' }, namespaces: NamespaceSelector.named('data') }),
    Peer.pods({ expressions: [LabelExpression.in('tier', ['a', 'b'])], namespaces: NamespaceSelector.labelled({ team: 'ml' }) }),
    Peer.namespaces(NamespaceSelector.named('x', 'y')),
    Peer.allPods(),
    Peer.cidr('203.0.113.0/24', ['203.0.113.128/25']),
    ...(flavor === PolicyFlavor.CILIUM ? [Peer.dnsName('huggingface.co'), Peer.dnsName('*.hf.co'), Peer.kubeApiServer()] : [Peer.kubeApiServerEndpoints('10.0.0.1/32')]),
  ];

  test.each(FLAVORS)('%s: every peer kind, one rule', (flavor) => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', {
      name: 'peers', namespace: 'ml', flavor,
      egress: [{ to: everyPeerKind(flavor), ports: [Port.tcp(443)] }],
    });
    // THEN
    const manifest = only(chart);
    expect(manifest).toMatchSnapshot();
    if (flavor === PolicyFlavor.CILIUM) {
      for (const kinds of ciliumPeerKinds(manifest.spec)) expect(kinds.length).toBeLessThanOrEqual(1);
      const fqdnRule = manifest.spec.egress.find((r: any) => r.toFQDNs);
      expect(fqdnRule.toFQDNs).toEqual([{ matchName: 'huggingface.co' }, { matchPattern: '*.hf.co' }]);
      expect(manifest.spec.egress.find((r: any) => r.toEntities).toEntities).toEqual(['kube-apiserver']);
      const selectors = manifest.spec.egress.flatMap((r: any) => r.toEndpoints ?? []);
      expect(selectors).toContainEqual({ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'data', app: 'postgres' } });
      expect(selectors).toContainEqual({ matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] });
      expect(selectors).toContainEqual({
        matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'ml' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }],
      });
    } else {
      const to = manifest.spec.egress.find((r: any) => r.to.length > 1).to;
      expect(to).toContainEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } }, podSelector: { matchLabels: { app: 'postgres' } } });
      expect(to).toContainEqual({ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['x', 'y'] }] } });
      expect(to).toContainEqual({ namespaceSelector: {} });
      expect(to).toContainEqual({ podSelector: { matchLabels: { role: 'server' } } });
      expect(to).toContainEqual({ ipBlock: { cidr: '10.0.0.1/32' } });
    }
  });

  test.each(FLAVORS)('%s: every port kind, protocol always written', (flavor) => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', {
      name: 'ports', namespace: 'ml', flavor,
      ingress: [{
        from: [Peer.sameNamespace()],
        ports: [Port.tcp(8080), Port.udp(4789), Port.sctp(9999), Port.tcpRange(29400, 29500), Port.named('metrics'), Port.named('dns', Protocol.UDP), Port.allUdp()],
      }],
    });
    const manifest = only(chart);
    // THEN
    expect(manifest).toMatchSnapshot();
    for (const port of allPorts(manifest)) expect(port.protocol).toMatch(/^(TCP|UDP|SCTP)$/);
    const range = allPorts(manifest).find((p) => p.endPort);
    expect(range).toEqual(flavor === PolicyFlavor.CILIUM ? { port: '29400', endPort: 29500, protocol: 'TCP' } : { port: 29400, endPort: 29500, protocol: 'TCP' });
    expect(allPorts(manifest)).toContainEqual(flavor === PolicyFlavor.CILIUM ? { port: '0', protocol: 'UDP' } : { protocol: 'UDP' });
    expect(allPorts(manifest)).toContainEqual({ port: 'metrics', protocol: 'TCP' });
  });

  test.each(FLAVORS)('%s: Port.all() means no port restriction at all', (flavor) => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', { name: 'all', namespace: 'ml', flavor, ingress: [{ from: [Peer.sameNamespace()], ports: [Port.tcp(80), Port.all()] }] });
    const rule = only(chart).spec.ingress[0];
    // THEN
    expect(rule.ports ?? rule.toPorts).toBeUndefined();
  });

  test('cilium: more than 40 ports are split into several toPorts entries of the same rule', () => {
    // GIVEN
    const chart = newChart();
    const ports = Array.from({ length: 45 }, (_, i) => Port.tcp(10000 + i));
    // WHEN
    new WorkloadPolicy(chart, 'P', { name: 'many', namespace: 'ml', flavor: PolicyFlavor.CILIUM, ingress: [{ from: [Peer.sameNamespace()], ports }] });
    const rule = only(chart).spec.ingress[0];
    // THEN
    expect(rule.toPorts.map((t: any) => t.ports.length)).toEqual([40, 5]);
  });

  test('cilium: ingress with endpoints, CIDRs and entities becomes one rule per peer kind', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', {
      name: 'mixed', namespace: 'serving', flavor: PolicyFlavor.CILIUM,
      ingress: [{ from: [Peer.pods({ labels: { a: 'b' } }), Peer.cidr('192.0.2.0/24'), Peer.entity(CiliumEntity.INGRESS)], ports: [Port.tcp(8080)] }],
    });
    const spec = only(chart).spec;
    // THEN
    expect(ciliumPeerKinds({ ingress: spec.ingress }).map((k) => k.join('+')).sort()).toEqual(['fromCIDRSet', 'fromEndpoints', 'fromEntities']);
    for (const rule of spec.ingress) expect(rule.toPorts).toEqual([{ ports: [{ port: '8080', protocol: 'TCP' }] }]);
  });

  test('cilium: defaultDeny off writes enableDefaultDeny false and only the given rules', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new WorkloadPolicy(chart, 'P', {
      name: 'additive', namespace: 'ml', flavor: PolicyFlavor.CILIUM, defaultDeny: { ingress: false, egress: true },
      ingress: [{ from: [Peer.sameNamespace()], ports: [Port.tcp(80)] }],
    });
    const spec = only(chart).spec;
    // THEN
    expect(spec.enableDefaultDeny).toEqual({ ingress: false, egress: true });
    expect(spec.ingress).toHaveLength(1);
  });

  test('addIngress / addEgress after construction appear in the output', () => {
    // GIVEN
    const chart = newChart();
    const policy = new WorkloadPolicy(chart, 'P', { name: 'later', namespace: 'ml' });
    // WHEN
    policy.addIngress({ from: [Peer.sameNamespace()], ports: [Port.tcp(80)] });
    policy.addEgress({ to: [Peer.cidr('198.51.100.7/32')], ports: [Port.tcp(443)] });
    const spec = only(chart).spec;
    // THEN
    expect(spec.ingress).toEqual([{ from: [{ podSelector: {} }], ports: [{ port: 80, protocol: 'TCP' }] }]);
    expect(spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '198.51.100.7/32' } }], ports: [{ port: 443, protocol: 'TCP' }] });
  });

  test('rule order does not change the output', () => {
    // GIVEN
    const rules = [
      { from: [Peer.pods({ labels: { a: '1' } })], ports: [Port.tcp(80)] },
      { from: [Peer.pods({ labels: { b: '2' } }), Peer.cidr('192.0.2.0/24')], ports: [Port.udp(53), Port.tcp(53)] },
    ];
    const render = (ordered: typeof rules) => {
      const chart = newChart();
    // WHEN
      new WorkloadPolicy(chart, 'P', { name: 'order', namespace: 'ml', ingress: ordered });
      return JSON.stringify(only(chart));
    };
    // THEN
    expect(render(rules)).toEqual(render([...rules].reverse()));
  });
});
