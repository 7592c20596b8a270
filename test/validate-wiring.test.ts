import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { ENVIRONMENTS } from '../app/environments';
import { buildPlatform } from '../app/platform';
import { main } from '../lib/cli';
import { renderTargets, synthesizeTargets, validateManifests } from '../lib';

const ROOT = path.resolve(__dirname, '..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'validate-'));

// The cdk8s CLI and `node` need JavaScript: the plugin and the CLI are compiled from the sources under test, inside
// the project so that they resolve its node_modules.
const COMPILED = path.join(ROOT, 'build', `wiring-test-${process.pid}`);
beforeAll(() => {
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['--outDir', COMPILED, '--rootDir', ROOT, '--module', 'commonjs', '--target', 'ES2022',
    '--skipLibCheck', '--esModuleInterop', '--types', 'node', path.join(ROOT, 'lib', 'validate', 'cdk8s-plugin.ts'), path.join(ROOT, 'lib', 'cli.ts')], { cwd: ROOT });
}, 120_000);
afterAll(() => fs.rmSync(COMPILED, { recursive: true, force: true }));

const INVALID_CNP = {
  apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'naive', namespace: 'ai-namespace' },
  spec: { endpointSelector: { matchLabels: { app: 'ai-workload' } }, egress: [{ toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ai-namespace' } }], toCIDR: ['198.51.100.0/24'] }] },
};

describe('validation is wired into synthesis, cdk8s and the command line', () => {
  test('every object the reference app synthesizes passes, without warnings', () => {
    for (const env of ENVIRONMENTS) {
      expect(validateManifests(buildPlatform(env).charts.flatMap((c) => c.toJson()))).toEqual([]);
    }
  });

  test('a synthesis with an invalid object fails with the findings and writes nothing', () => {
    // GIVEN the platform plus a hand-written Cilium policy that mixes peer kinds
    const app = buildPlatform(ENVIRONMENTS[1]);
    new ApiObject(new Chart(app, 'handwritten'), 'Naive', INVALID_CNP);
    const out = path.join(tmp(), 'dist');
    // WHEN / THEN
    expect(() => synthesizeTargets([{ name: 'prod', app }], out)).toThrow(/prod: error: CiliumNetworkPolicy ai-namespace\/naive \/spec\/egress\/0: combining ToEndpoints and ToCIDR is not supported yet/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('warnings are reported but do not stop the synthesis', () => {
    // GIVEN
    const app = new App();
    // WHEN
    new ApiObject(new Chart(app, 'c'), 'Open', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'open', namespace: 'x' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] } });
    const warnings: string[] = [];
    const files = renderTargets([{ name: 'dev', app }], { onWarning: (target, f) => warnings.push(`${target} ${f.path}`) });
    // THEN
    expect(files.map((f) => f.path)).toEqual(['dev/c.k8s.yaml']);
    expect(warnings).toEqual(['dev /spec/egress/0/to/0/ipBlock']);
  });

  describe('cdk8s-ml-netpol validate FILE…', () => {
    const run = (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const status = main(args, (s) => out.push(s), (s) => err.push(s));
      return { status, out: out.join(''), err: err.join('') };
    };

    test('exit 1 and the findings for invalid YAML objects; exit 0 for valid ones', () => {
      // GIVEN
      const dir = tmp();
      const bad = path.join(dir, 'bad.yaml');
      fs.writeFileSync(bad, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${JSON.stringify(INVALID_CNP)}\n`);
      const good = path.join(dir, 'good.yaml');
      fs.writeFileSync(good, JSON.stringify({ ...INVALID_CNP, spec: { ...INVALID_CNP.spec, egress: [{ toCIDRSet: [{ cidr: '198.51.100.0/24' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] } }));
      const failed = run('validate', good, bad);
      // THEN
      expect(failed.status).toBe(1);
      expect(failed.out).toContain(`${bad}: error: CiliumNetworkPolicy ai-namespace/naive /spec/egress/0: combining ToEndpoints and ToCIDR`);
      expect(failed.out).toContain('3 objects checked in 2 files: INVALID');
      expect(run('validate', good)).toMatchObject({ status: 0, out: '1 objects checked in 1 files: valid\n' });
    });

    test('agent flags; exit 2 for usage errors and 1 for unreadable files', () => {
      // GIVEN
      const dir = tmp();
      const file = path.join(dir, 'icmp.yaml');
      fs.writeFileSync(file, JSON.stringify({ ...INVALID_CNP, spec: { endpointSelector: {}, egress: [{ toEntities: ['world'], icmps: [{ fields: [{ type: 8 }] }] }] } }));
      // THEN
      expect(run('validate', file).status).toBe(0);
      expect(run('validate', '--enable-icmp-rules=false', file).status).toBe(1);
      expect(run('validate').status).toBe(2);
      expect(run('lint', file).status).toBe(2);
      expect(run('validate', '--bogus', file).status).toBe(2);
      fs.writeFileSync(path.join(dir, 'broken.yaml'), 'a: [');
      expect(run('validate', path.join(dir, 'broken.yaml'))).toMatchObject({ status: 1, err: expect.stringContaining('cannot read') });
    });

    test('the compiled bin runs as a command and sets its exit status', () => {
      // GIVEN
      const file = path.join(tmp(), 'naive.yaml');
      fs.writeFileSync(file, JSON.stringify(INVALID_CNP));
      const result = spawnSync('node', [path.join(COMPILED, 'lib', 'cli.js'), 'validate', file], { encoding: 'utf8' });
      // THEN
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('combining ToEndpoints and ToCIDR is not supported yet');
      expect(fs.readFileSync(path.join(ROOT, 'lib', 'cli.ts'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    });
  });

  test('as a cdk8s validation plugin, `cdk8s synth` fails for an app that does not use these constructs', () => {
    // GIVEN a plain cdk8s app (no construct of this library) whose cdk8s.yaml lists the plugin
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'plugin.js'), `module.exports = require(${JSON.stringify(path.join(COMPILED, 'lib', 'validate', 'cdk8s-plugin.js'))});\n`);
    fs.writeFileSync(path.join(dir, 'main.js'), `
const { App, Chart, ApiObject } = require(${JSON.stringify(require.resolve('cdk8s'))});
const app = new App();
new ApiObject(new Chart(app, 'handwritten'), 'Naive', ${JSON.stringify(INVALID_CNP)});
app.synth();
`);
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `app: node main.js\nlanguage: typescript\nvalidations:\n  - package: ./plugin.js\n    class: CiliumPolicyValidation\n    version: 0.1.0\n`);
    // WHEN
    const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
    // THEN
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('combining ToEndpoints and ToCIDR is not supported yet');
    expect(`${result.stdout}${result.stderr}`).toMatch(/Status\s*│\s*failure/);
  }, 60_000);
});
