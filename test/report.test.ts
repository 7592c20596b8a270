import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ENVIRONMENTS } from '../app/environments';
import { inventoryFor } from '../app/inventory';
import { buildPlatform } from '../app/platform';
import { allowedFlows, ConnectivityAnalyzer, PolicyFlavor, REPORT_FILE, renderTargets, synthesizeTargets } from '../lib';
import { analyzer, netpol } from './helpers/cluster';

const targets = () => ENVIRONMENTS.map((env) => ({ name: env.name, app: buildPlatform(env), inventory: inventoryFor(env) }));

describe('connectivity report', () => {
  test('allowedFlows lists governed flows with their ports, "any" for open protocols', () => {
    // GIVEN x/a accepts y pods on 80 and x pods on everything
    const manifests = [netpol('x', 'p', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [
      { from: [{ namespaceSelector: { matchLabels: { ns: 'y' } } }], ports: [{ port: 80, protocol: 'TCP' }, { port: 30000, endPort: 30010, protocol: 'TCP' }] },
      { from: [{ podSelector: {} }] },
    ] })];
    // WHEN
    const flows = allowedFlows(analyzer(manifests), manifests);
    // THEN
    expect(flows.find((f) => f.from === 'y/b' && f.to === 'x/a')?.ports).toEqual(['80/TCP', '30000-30010/TCP']);
    expect(flows.find((f) => f.from === 'x/b' && f.to === 'x/a')?.ports).toEqual(['any TCP', 'any UDP', 'any SCTP']);
    expect(flows.find((f) => f.from === 'z/b' && f.to === 'x/a')).toBeUndefined();
    expect(flows.some((f) => f.from === 'y/a' && f.to === 'z/a')).toBe(false);
  });

  test('synthesis writes connectivity.md next to the manifests of each environment, deterministically', () => {
    // GIVEN
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    synthesizeTargets(targets(), out);
    const first = fs.readFileSync(path.join(out, 'prod', REPORT_FILE), 'utf8');
    // THEN
    expect(renderTargets(targets()).find((f) => f.path === `prod/${REPORT_FILE}`)?.content).toEqual(first);
    expect(fs.existsSync(path.join(out, 'dev', REPORT_FILE))).toBe(true);
  });

  test.each(ENVIRONMENTS.map((e) => [e.name, e.flavor] as [string, PolicyFlavor]))('%s report shows what the platform allows, and not more', (name, flavor) => {
    // GIVEN
    const report = renderTargets(targets()).find((f) => f.path === `${name}/${REPORT_FILE}`)!.content;
    // THEN
    expect(report).toMatch(new RegExp(`analyzer \\(${flavor === PolicyFlavor.CILIUM ? 'cilium' : 'kubernetes'} dataplane\\)`));
    expect(report).toContain('| ml-bert/bert-worker-0 | ml-bert/bert-master-0 | any TCP, any UDP, any SCTP |');
    expect(report).toContain('| ml-bert/bert-worker-0 | s3.us-east-1.amazonaws.com | 443/TCP |');
    expect(report).toContain('| gw/gateway-web | ml-bert/tensorboard | 6006/TCP |');
    expect(report).toContain('| monitoring/prometheus | serving/llama-predictor | 9088/TCP, 9091/TCP |');
    expect(report).toContain(`| ml-ray/rc-head | kube-apiserver | ${flavor === PolicyFlavor.CILIUM ? '443/TCP, 6443/TCP' : '443/TCP'} |`);
    expect(report).toContain('Isolated by no policy (only deny rules restrict them): ml-ray/job1-submitter, ml-ray/jupyter');
    expect(report).not.toMatch(/\| ml-bert\/bert-worker-0 \| (pypi.org|1.1.1.1|169.254.169.254|kube-apiserver) \|/);
    expect(report).not.toMatch(/\| team-b\/client \| [^|]*(bert|llama|rc-head)[^|]* \|/);
    expect(report).toContain('```mermaid\nflowchart LR');
  });

  test('the report follows the policies: a new allow shows up as a new row', () => {
    // GIVEN
    const [env] = ENVIRONMENTS;
    const inventory = inventoryFor(env);
    const manifests = buildPlatform(env).charts.flatMap((c) => c.toJson());
    const before = allowedFlows(new ConnectivityAnalyzer({ ...inventory, manifests }), manifests, inventory.externals);
    const extra = netpol('ml-bert', 'allow-team-b', { podSelector: { matchLabels: { app: 'tensorboard' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-b' } } }], ports: [{ port: 6006, protocol: 'TCP' }] }] });
    const after = allowedFlows(new ConnectivityAnalyzer({ ...inventory, manifests: [...manifests, extra] }), [...manifests, extra], inventory.externals);
    // THEN
    expect(after.filter((f) => !before.some((b) => JSON.stringify(b) === JSON.stringify(f)))).toEqual([{ from: 'team-b/client', to: 'ml-bert/tensorboard', ports: ['6006/TCP'] }]);
  });
});
