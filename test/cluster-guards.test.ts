import { App, Chart } from 'cdk8s';
import { CloudMetadataGuard, ClusterDnsVisibility, PolicyInputError, validateManifests } from '../lib';
import { analyzer, cnp } from './helpers/cluster';
import { newChart, synth } from './helpers/manifests';

describe('cluster guards (CiliumClusterwideNetworkPolicy)', () => {
  test('CloudMetadataGuard denies the metadata endpoints to every pod but the excepted namespaces, isolating nothing', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new CloudMetadataGuard(chart, 'Guard', { exceptNamespaces: ['kube-system', 'z'] });
    // THEN
    const [guard] = synth(chart);
    expect(guard).toMatchSnapshot();
    expect(guard.kind).toEqual('CiliumClusterwideNetworkPolicy');
    expect(guard.spec.enableDefaultDeny).toEqual({ ingress: false, egress: false });
    expect(guard.spec.endpointSelector).toEqual({ matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'NotIn', values: ['kube-system', 'z'] }] });
    expect(validateManifests([guard])).toEqual([]);
    const flows = analyzer([guard]);
    expect(flows).toDeny('x/a', '169.254.169.254', 80);
    expect(flows).toDeny('y/a', 'fd00:ec2::254', 80);
    expect(flows).toAllow('z/a', '169.254.169.254', 80);
    expect(flows).toAllow('x/a', '1.1.1.1', 443);
    expect(flows).toAllow('y/a', 'x/a', 80);
  });

  test('ClusterDnsVisibility makes toFQDNs work in policies without their own DNS rule, isolating nothing', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new ClusterDnsVisibility(chart, 'Dns');
    const [visibility] = synth(chart);
    // THEN
    expect(visibility).toMatchSnapshot();
    expect(validateManifests([visibility])).toEqual([]);
    const fqdnOnly = cnp('x', 'hf', { endpointSelector: {}, egress: [{ toFQDNs: [{ matchName: 'huggingface.co' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] });
    expect(analyzer([fqdnOnly])).toDeny('x/a', 'huggingface.co', 443);
    expect(analyzer([fqdnOnly, visibility])).toAllow('x/a', 'huggingface.co', 443);
    expect(analyzer([visibility])).toAllow('y/a', '1.1.1.1', 443);
  });

  test('a chart namespace is not stamped on the cluster-scoped policy', () => {
    // GIVEN
    const chart = new Chart(new App(), 'platform', { namespace: 'platform' });
    // WHEN
    new CloudMetadataGuard(chart, 'Guard');
    // THEN
    expect(chart.toJson()[0].metadata).toEqual({ name: 'deny-cloud-metadata', labels: { 'app.kubernetes.io/managed-by': 'cdk8s-ml-netpol' } });
  });

  test('excepted namespaces are checked', () => {
    expect(() => new CloudMetadataGuard(newChart(), 'Guard', { exceptNamespaces: ['Kube_System'] }))
      .toThrow(PolicyInputError);
    expect(() => new CloudMetadataGuard(newChart(), 'Guard', { exceptNamespaces: ['Kube_System'] }))
      .toThrow(/^test\/Guard: exceptNamespaces: a namespace name must be a DNS label.*got "Kube_System"/);
  });
});
