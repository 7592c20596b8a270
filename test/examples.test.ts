import { App } from 'cdk8s';
import { ENVIRONMENTS, Environment } from '../app/environments';
import { buildPlatform } from '../app/platform';
import { PolicyFlavor } from '../lib';
import { allPorts, ciliumPeerKinds } from './helpers/manifests';

function manifestsOf(app: App): any[] {
  return app.charts.flatMap((chart) => chart.toJson());
}

function byName(app: App, name: string): any {
  const found = manifestsOf(app).filter((m) => m.metadata.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

const dev = ENVIRONMENTS.find((e) => e.flavor === PolicyFlavor.KUBERNETES)!;
const prod = ENVIRONMENTS.find((e) => e.flavor === PolicyFlavor.CILIUM)!;

describe.each(ENVIRONMENTS.map((e) => [e.name, e] as [string, Environment]))('reference app, environment %s', (_name, env) => {
  const app = buildPlatform(env);

  test('snapshot of every example', () => {
    // GIVEN the reference platform / WHEN synthesized / THEN
    expect(Object.fromEntries(app.charts.map((c) => [c.node.id, c.toJson()]))).toMatchSnapshot();
  });

  test('every policy writes every port protocol and has a hash-free name', () => {
    for (const manifest of manifestsOf(app)) {
      expect(manifest.metadata.name).toMatch(/^[a-z0-9-]+$/);
      expect(manifest.metadata.name).not.toMatch(/-[0-9a-f]{8}$/);
      for (const port of allPorts(manifest)) expect(port.protocol).toBeDefined();
    }
  });

  test('every example, 2-4 above all, allows cluster DNS on UDP and TCP 53', () => {
    for (const name of ['ai-workload-egress', 'isolate-namespace', 'ai-inference', 'ml-trainee-tensorboard']) {
      const manifest = byName(app, name);
      expect(JSON.stringify(manifest.spec.egress)).toContain('kube-dns');
      const ports = allPorts(manifest).map((p) => `${p.port}/${p.protocol}`);
      expect(ports).toEqual(expect.arrayContaining(['53/UDP', '53/TCP']));
    }
  });

  test('example 1: ml-trainee accepts ml-server on TCP 6006 only', () => {
    // GIVEN
    const spec = byName(app, 'ml-trainee-tensorboard').spec;
    // THEN
    expect(byName(app, 'ml-trainee-tensorboard').metadata.namespace).toEqual('ml-training');
    if (env.flavor === PolicyFlavor.CILIUM) {
      expect(spec.endpointSelector).toEqual({ matchLabels: { role: 'ml-trainee' } });
      expect(spec.ingress).toEqual([{ fromEndpoints: [{ matchLabels: { role: 'ml-server' } }], toPorts: [{ ports: [{ port: '6006', protocol: 'TCP' }] }] }]);
    } else {
      expect(spec.podSelector).toEqual({ matchLabels: { role: 'ml-trainee' } });
      expect(spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { role: 'ml-server' } } }], ports: [{ port: 6006, protocol: 'TCP' }] }]);
    }
  });

  test('example 2: peer kinds in separate rules, the configured CIDR with its ports', () => {
    // GIVEN
    const spec = byName(app, 'ai-workload-egress').spec;
    const text = JSON.stringify(spec);
    // THEN
    expect(text).toContain(env.aiWorkloadExternal.cidr);
    expect(text).not.toContain('"cidr":""');
    if (env.flavor === PolicyFlavor.CILIUM) {
      for (const kinds of ciliumPeerKinds(spec)) expect(kinds.length).toBeLessThanOrEqual(1);
      expect(spec.egress).toContainEqual({ toCIDRSet: [{ cidr: env.aiWorkloadExternal.cidr }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] });
      expect(spec.egress).toContainEqual({ toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ai-namespace' } }] });
    } else {
      expect(spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: env.aiWorkloadExternal.cidr } }], ports: [{ port: 443, protocol: 'TCP' }] });
      expect(spec.egress).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ai-namespace' } } }] });
    }
  });

  test('example 3: namespace ml isolated, free inside', () => {
    // GIVEN
    const manifest = byName(app, 'isolate-namespace');
    // THEN
    expect(manifest.metadata.namespace).toEqual('ml');
    const text = JSON.stringify(manifest.spec);
    expect(text).toContain(env.flavor === PolicyFlavor.CILIUM ? '"fromEndpoints":[{}]' : '"from":[{"podSelector":{}}]');
  });

  test('example 4: frontend on 80 in, database on 5432 out', () => {
    // GIVEN
    const ports = allPorts(byName(app, 'ai-inference')).map((p) => `${p.port}/${p.protocol}`).sort();
    // THEN
    expect(ports).toEqual(['53/TCP', '53/UDP', '5432/TCP', '80/TCP']);
  });
});

test('the two environments use the two flavors', () => {
  expect(manifestsOf(buildPlatform(dev)).every((m) => m.kind === 'NetworkPolicy')).toBe(true);
  expect(manifestsOf(buildPlatform(prod)).every((m) => m.kind === 'CiliumNetworkPolicy' || m.kind === 'CiliumClusterwideNetworkPolicy')).toBe(true);
  expect(manifestsOf(buildPlatform(prod)).filter((m) => m.kind === 'CiliumClusterwideNetworkPolicy').map((m) => m.metadata)).toEqual([
    { name: 'deny-cloud-metadata', labels: { 'app.kubernetes.io/managed-by': 'cdk8s-ml-netpol' } },
    { name: 'cluster-dns-visibility', labels: { 'app.kubernetes.io/managed-by': 'cdk8s-ml-netpol' } },
  ]);
});
