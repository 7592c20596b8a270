import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { ENVIRONMENTS } from '../app/environments';
import { buildPlatform } from '../app/platform';
import { Peer, PolicyFlavor, renderTargets, SynthesisError, synthesizeTargets, WorkloadPolicy } from '../lib';

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-out-'));
}

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
    const full = path.join(d, e.name);
    if (e.isDirectory()) walk(full); else out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
  });
  walk(dir);
  return out;
}

const targets = () => ENVIRONMENTS.map((env) => ({ name: env.name, app: buildPlatform(env) }));

describe('GitOps output', () => {
  test('one folder per environment, one file per namespace chart', () => {
    // GIVEN
    const out = tmpdir();
    synthesizeTargets(targets(), out);
    const charts = (flavor: PolicyFlavor) => ['ai-inference', 'ai-namespace', 'ml', 'ml-bert', 'ml-ray', 'ml-training', 'serving', ...(flavor === PolicyFlavor.CILIUM ? ['cluster'] : [])];
    // THEN
    expect(Object.keys(readTree(out)).filter((f) => f.endsWith('.k8s.yaml')).sort()).toEqual(ENVIRONMENTS.flatMap((e) =>
      charts(e.flavor).map((f) => `${e.name}/${f}.k8s.yaml`)).sort());
  });

  test('two synths are byte identical', () => {
    // GIVEN
    const a = tmpdir();
    const b = tmpdir();
    synthesizeTargets(targets(), a);
    synthesizeTargets(targets(), b);
    // THEN
    expect(readTree(a)).toEqual(readTree(b));
  });

  test('no two objects of an environment share kind/namespace/name', () => {
    for (const target of targets()) {
      const keys = target.app.charts.flatMap((c) => c.toJson()).map((m) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`);
      expect(new Set(keys).size).toEqual(keys.length);
    }
  });

  test('a collision fails the synthesis and writes nothing', () => {
    // GIVEN two charts writing the same policy
    const app = new App();
    new WorkloadPolicy(new Chart(app, 'a'), 'P', { name: 'same', namespace: 'ml', ingress: [{ from: [Peer.sameNamespace()] }] });
    new WorkloadPolicy(new Chart(app, 'b'), 'P', { name: 'same', namespace: 'ml' });
    const out = path.join(tmpdir(), 'dist');
    // WHEN / THEN
    expect(() => synthesizeTargets([{ name: 'dev', app }], out)).toThrow(SynthesisError);
    expect(() => renderTargets([{ name: 'dev', app }])).toThrow(/dev: NetworkPolicy ml\/same is written by both a.k8s.yaml and b.k8s.yaml/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a failing synthesis leaves the previous output untouched', () => {
    // GIVEN
    const out = tmpdir();
    synthesizeTargets(targets(), out);
    const before = readTree(out);
    const app = new App();
    const chart = new Chart(app, 'late');
    const policy = new WorkloadPolicy(chart, 'P', { name: 'p', namespace: 'ml' });
    // WHEN
    new WorkloadPolicy(chart, 'Q', { name: 'p', namespace: 'ml' });
    // THEN
    expect(policy).toBeDefined();
    expect(() => synthesizeTargets([...targets(), { name: 'broken', app }], out)).toThrow(/written by both/);
    expect(readTree(out)).toEqual(before);
  });

  test('stale files of an earlier synthesis do not survive', () => {
    // GIVEN
    const out = tmpdir();
    fs.mkdirSync(path.join(out, 'old-env'));
    fs.writeFileSync(path.join(out, 'old-env', 'gone.k8s.yaml'), 'stale');
    synthesizeTargets(targets(), out);
    // THEN
    expect(fs.existsSync(path.join(out, 'old-env'))).toBe(false);
  });
});
