// Connectivity analyzer benchmark: all pod pairs on one port, for clusters of growing size.
// Run: npm run bench   (prints a Markdown table; bench/README.md records the numbers)
import { ConnectivityAnalyzer, NamespaceInfo, PodInfo } from '../lib';

interface Size {
  readonly pods: number;
  readonly policies: number;
}

const NAMESPACES = 20;
const APPS = 50;

/** A deterministic cluster: pods spread over namespaces and apps; half NetworkPolicies, half CiliumNetworkPolicies. */
function cluster(size: Size): { namespaces: NamespaceInfo[]; pods: PodInfo[]; manifests: object[] } {
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => ({ name: `ns-${i}`, labels: { team: `t${i % 5}` } }));
  const pods = Array.from({ length: size.pods }, (_, i) => ({
    namespace: `ns-${i % NAMESPACES}`,
    name: `pod-${i}`,
    labels: { app: `app-${i % APPS}`, tier: i % 3 === 0 ? 'web' : 'backend' },
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    ports: [{ port: 8080, name: 'http' }],
  }));
  const manifests = Array.from({ length: size.policies }, (_, i) => {
    const namespace = `ns-${i % NAMESPACES}`;
    const app = `app-${i % APPS}`;
    const peerApp = `app-${(i * 7) % APPS}`;
    if (i % 2 === 0) {
      return {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name: `np-${i}` },
        spec: {
          podSelector: { matchLabels: { app } },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [
            { from: [{ podSelector: { matchLabels: { app: peerApp } } }], ports: [{ port: 80, protocol: 'TCP' }, { port: 'http', protocol: 'TCP' }] },
            { from: [{ namespaceSelector: { matchLabels: { team: `t${i % 5}` } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] } }] },
          ],
          egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 80, protocol: 'TCP' }] }, { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }],
        },
      };
    }
    return {
      apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { namespace, name: `cnp-${i}` },
      spec: {
        endpointSelector: { matchLabels: { app } },
        ingress: [{ fromEndpoints: [{ matchLabels: { app: peerApp, 'k8s:io.kubernetes.pod.namespace': `ns-${(i + 1) % NAMESPACES}` } }], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }],
        egress: [{ toEndpoints: [{ matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] }], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }],
        ingressDeny: [{ fromEndpoints: [{ matchLabels: { tier: 'backend', app: `app-${(i + 3) % APPS}` } }] }],
      },
    };
  });
  return { namespaces, pods, manifests };
}

function millis(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function run(size: Size, repeats: number) {
  const input = cluster(size);
  const build: number[] = [];
  const matrix: number[] = [];
  let allowed = 0;
  for (let r = 0; r < repeats; r++) {
    let start = process.hrtime.bigint();
    const analyzer = new ConnectivityAnalyzer(input);
    build.push(millis(start));
    start = process.hrtime.bigint();
    const rows = analyzer.matrix(80, 'TCP');
    matrix.push(millis(start));
    allowed = rows.reduce((n, row) => n + [...row].length, 0);
  }
  const analyzer = new ConnectivityAnalyzer(input);
  const queries = 20000;
  const start = process.hrtime.bigint();
  const ref = (i: number) => `ns-${i % NAMESPACES}/pod-${i}`;
  for (let q = 0; q < queries; q++) {
    analyzer.isAllowed({ from: ref((q * 31) % size.pods), to: ref((q * 17 + 5) % size.pods), port: 80 });
  }
  const perQuery = millis(start) / queries * 1000;
  return { ...size, pairs: size.pods * size.pods, allowed, build: median(build), matrix: median(matrix), perQuery };
}

const sizes: Size[] = [
  { pods: 500, policies: 125 },
  { pods: 1000, policies: 250 },
  { pods: 2000, policies: 500 },
  { pods: 4000, policies: 1000 },
];
const repeats = Number(process.env.BENCH_REPEATS ?? 5);
process.stdout.write(`node ${process.version}, ${repeats} runs each, median\n\n`);
process.stdout.write('| pods | policies | pairs | allowed | compile (ms) | all pairs on TCP 80 (ms) | ns per pod x policy | µs per isAllowed |\n');
process.stdout.write('|---:|---:|---:|---:|---:|---:|---:|---:|\n');
for (const size of sizes) {
  const r = run(size, repeats);
  const perUnit = (r.matrix * 1e6) / (r.pods * r.policies);
  process.stdout.write(`| ${r.pods} | ${r.policies} | ${r.pairs} | ${r.allowed} | ${r.build.toFixed(1)} | ${r.matrix.toFixed(1)} | ${perUnit.toFixed(0)} | ${r.perQuery.toFixed(1)} |\n`);
}
process.stdout.write(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`);
