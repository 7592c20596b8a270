import { NamespaceIsolation, Peer, PolicyFlavor, Port } from '../lib';
import { newChart, only } from './helpers/manifests';

describe('NamespaceIsolation', () => {
  test('kubernetes: pods of the namespace reach each other, DNS, nothing else', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new NamespaceIsolation(chart, 'Isolation', { namespace: 'ml' });
    // THEN
    const manifest = only(chart);
    expect(manifest).toMatchSnapshot();
    expect(manifest.metadata.name).toEqual('isolate-namespace');
    expect(manifest.spec.podSelector).toEqual({});
    expect(manifest.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(manifest.spec.ingress).toEqual([{ from: [{ podSelector: {} }] }]);
    expect(manifest.spec.egress).toContainEqual({ to: [{ podSelector: {} }] });
    expect(manifest.spec.egress).toHaveLength(2);
  });

  test('cilium: endpointSelector {} and from/toEndpoints [{}] (scoped to the namespace by Cilium)', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new NamespaceIsolation(chart, 'Isolation', { namespace: 'ml', flavor: PolicyFlavor.CILIUM });
    const manifest = only(chart);
    // THEN
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec.endpointSelector).toEqual({});
    expect(manifest.spec.ingress).toEqual([{ fromEndpoints: [{}] }]);
    expect(manifest.spec.egress).toContainEqual({ toEndpoints: [{}] });
  });

  test('allowWithinNamespace: false is deny-all plus DNS; extra rules are added', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new NamespaceIsolation(chart, 'Isolation', {
      namespace: 'ml', name: 'ml-baseline', allowWithinNamespace: false,
      ingress: [{ from: [Peer.pods({ labels: { app: 'gateway' } })], ports: [Port.tcp(8080)] }],
    });
    const spec = only(chart).spec;
    // THEN
    expect(spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'gateway' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    expect(spec.egress).toHaveLength(1);
    expect(JSON.stringify(spec.egress)).toContain('kube-dns');
  });
});
