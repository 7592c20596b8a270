import {
  CiliumEntity, ClusterDns, LabelExpression, LabelSelector, NamespaceIsolation, NamespaceSelector, Peer, PolicyFlavor,
  PolicyInputError, Port, WorkloadPolicy, WorkloadPolicyProps,
} from '../lib';
import { newChart } from './helpers/manifests';

const K8S = PolicyFlavor.KUBERNETES;
const CILIUM = PolicyFlavor.CILIUM;

function attempt(props: Partial<WorkloadPolicyProps>): () => void {
  return () => {
    const chart = newChart();
    new WorkloadPolicy(chart, 'Policy', { name: 'p', namespace: 'ml', ...props });
    chart.toJson();
  };
}

// [name, props, expected pieces of the message: field, offending value, advice]
const CASES: [string, Partial<WorkloadPolicyProps>, RegExp][] = [
  ['bad metadata.name', { name: 'Bad_Name' }, /name: metadata.name must be a DNS subdomain.*got "Bad_Name"/],
  ['bad namespace', { namespace: 'ML' }, /namespace: a namespace must be a DNS label.*got "ML"/],
  ['bad selector label key', { selector: LabelSelector.labels({ 'bad key': 'x' }) }, /selector.labels: a label key name.*got "bad key"/],
  ['bad selector label value', { selector: LabelSelector.labels({ app: 'x'.repeat(64) }) }, /selector.labels\["app"\]: a label value.*got "x{64}"/],
  ['In without values', { selector: LabelSelector.of({ expressions: [LabelExpression.in('app', [])] }) }, /selector.expressions\[0\]: In needs at least one value.*got app In/],
  ['port out of range', { ingress: [{ from: [Peer.sameNamespace()], ports: [Port.tcp(70000)] }] }, /ingress\[0\].ports\[0\]: a port must be an integer from 1 to 65535 \(got Port.tcp\(70000\)\)/],
  ['port zero', { ingress: [{ from: [Peer.sameNamespace()], ports: [Port.udp(0)] }] }, /ingress\[0\].ports\[0\]:.*got Port.udp\(0\)/],
  ['reversed range', { ingress: [{ from: [Peer.sameNamespace()], ports: [Port.tcpRange(200, 100)] }] }, /ingress\[0\].ports\[0\]: a range must end.*got Port.tcpRange\(200, 100\)/],
  ['bad port name', { ingress: [{ from: [Peer.sameNamespace()], ports: [Port.named('prometheus-metrics')] }] }, /ports\[0\]: a port name must be an IANA service name.*got Port.named\("prometheus-metrics", TCP\)/],
  ['bad CIDR', { egress: [{ to: [Peer.cidr('10.0.0.1')], ports: [Port.tcp(443)] }] }, /egress\[0\].to\[0\]: a CIDR needs.*got Peer.cidr\("10.0.0.1"\)/],
  ['except outside the CIDR', { egress: [{ to: [Peer.cidr('10.0.0.0/8', ['192.168.0.0/16'])], ports: [Port.tcp(443)] }] }, /egress\[0\].to\[0\]: except 192.168.0.0\/16 must be a CIDR inside 10.0.0.0\/8/],
  ['DNS name in the kubernetes flavor', { flavor: K8S, egress: [{ to: [Peer.dnsName('huggingface.co')], ports: [Port.tcp(443)] }] }, /egress\[0\].to\[0\]: NetworkPolicy cannot match DNS names; use Peer.cidr\(...\).*got Peer.dnsName\("huggingface.co"\)/],
  ['DNS name as an ingress source', { flavor: CILIUM, ingress: [{ from: [Peer.dnsName('a.example')] }] }, /ingress\[0\].from\[0\]: DNS names can only be egress destinations/],
  ['malformed DNS name', { flavor: CILIUM, egress: [{ to: [Peer.dnsName('bad name!')], ports: [Port.tcp(443)] }] }, /egress\[0\].to\[0\]: a DNS name is letters.*got Peer.dnsName\("bad name!"\)/],
  ['entity in the kubernetes flavor', { flavor: K8S, egress: [{ to: [Peer.entity(CiliumEntity.WORLD)], ports: [Port.tcp(443)] }] }, /NetworkPolicy has no entities; use Peer.cidr\('0.0.0.0\/0'\).*got Peer.entity\(world\)/],
  ['kube-apiserver entity in the kubernetes flavor', { flavor: K8S, egress: [{ to: [Peer.kubeApiServer()], ports: [Port.tcp(443)] }] }, /use Peer.kubeApiServerEndpoints.*got Peer.kubeApiServer\(\)/],
  ['apiserver endpoints in the cilium flavor', { flavor: CILIUM, egress: [{ to: [Peer.kubeApiServerEndpoints('10.0.0.1/32')], ports: [Port.tcp(6443)] }] }, /Cilium ignores CIDR rules for node addresses; use Peer.kubeApiServer\(\)/],
  ['no peers', { ingress: [{ from: [] }] }, /ingress\[0\].from: name at least one peer.*got \[\]/],
  ['CIDR egress without ports', { egress: [{ to: [Peer.cidr('203.0.113.0/24')] }] }, /egress\[0\].ports: egress to addresses \(a CIDR, a DNS name, the world, API server endpoints\) must name its ports.*got Peer.cidr\("203.0.113.0\/24"\)/],
  ['CIDR egress on all TCP ports', { egress: [{ to: [Peer.cidr('203.0.113.0/24')], ports: [Port.allTcp()] }] }, /egress\[0\].ports: egress to addresses.*must name its ports/],
  ['DNS name egress without ports', { flavor: CILIUM, egress: [{ to: [Peer.dnsName('pypi.org')] }] }, /egress\[0\].ports: egress to addresses.*must name its ports.*got Peer.dnsName\("pypi.org"\)/],
  ['world egress without ports', { flavor: CILIUM, egress: [{ to: [Peer.entity(CiliumEntity.WORLD)] }] }, /egress\[0\].ports: egress to addresses.*must name its ports/],
  ['DNS names without the DNS proxy', { flavor: CILIUM, dns: ClusterDns.kubeDns({ ciliumDnsVisibility: false }), egress: [{ to: [Peer.dnsName('pypi.org')], ports: [Port.tcp(443)] }] }, /egress\[0\].to: DNS names are learned from DNS answers seen by the Cilium DNS proxy/],
  ['DNS names with DNS disabled', { flavor: CILIUM, dns: ClusterDns.disabled(), egress: [{ to: [Peer.dnsName('pypi.org')], ports: [Port.tcp(443)] }] }, /DNS names are learned from DNS answers/],
  ['API server endpoints without ports', { egress: [{ to: [Peer.kubeApiServerEndpoints('172.18.0.2/32')] }] }, /egress\[0\].ports: egress to addresses.*must name its ports.*got Peer.kubeApiServerEndpoints\(172.18.0.2\/32\)/],
  ['metadata endpoint while blocked', { egress: [{ to: [Peer.cidr('169.254.169.254/32')], ports: [Port.tcp(80)] }] }, /egress\[0\].to\[0\]: the cloud metadata endpoint is blocked; set blockCloudMetadata: false.*got Peer.cidr\("169.254.169.254\/32"\)/],
  ['kubernetes rules without isolation', { flavor: K8S, defaultDeny: { ingress: false }, ingress: [{ from: [Peer.sameNamespace()] }] }, /ingress\[0\]: a NetworkPolicy rule always isolates its direction; keep defaultDeny.ingress on, or use the cilium flavor.*got "ingress"/],
  ['neither isolation nor rules', { flavor: CILIUM, defaultDeny: { ingress: false, egress: false } }, /defaultDeny: the policy neither isolates nor allows anything/],
  ['bad namespace name in a peer', { ingress: [{ from: [Peer.namespaces(NamespaceSelector.named('Bad_NS'))] }] }, /ingress\[0\].from\[0\].namespaces: a namespace name must be a DNS label.*got "Bad_NS"/],
  ['DNS without pod labels', { dns: ClusterDns.kubeDns({ podLabels: {} }) }, /dns.podLabels: select the DNS pods by at least one label/],
  ['NodeLocal DNSCache addresses in the cilium flavor', { flavor: CILIUM, dns: ClusterDns.nodeLocal() }, /dns.resolverCidrs: Cilium gives node-local addresses the host identity.*k8s-app': 'node-local-dns'.*got \["169.254.20.10\/32"\]/],
  ['bad resolver address', { dns: ClusterDns.nodeLocal({ resolverCidrs: ['169.254.20.10'] }) }, /dns.resolverCidrs: a resolver address must be a CIDR.*got "169.254.20.10"/],
];

describe('synth-time errors name the construct path, the field and the value', () => {
  test.each(CASES)('%s', (_name, props, message) => {
    // GIVEN / WHEN
    const run = attempt(props);
    // THEN
    expect(run).toThrow(PolicyInputError);
    expect(run).toThrow(/^test\/Policy: /);
    expect(run).toThrow(message);
  });

  test('all problems of one construct are reported together', () => {
    const run = attempt({ name: 'BAD', namespace: 'BAD', ingress: [{ from: [Peer.sameNamespace()], ports: [Port.tcp(0)] }] });
    expect(run).toThrow(/name:.*\n.*namespace:.*\n.*ingress\[0\].ports\[0\]/);
  });

  test('addIngress / addEgress check the new rule and number it after the existing ones', () => {
    const chart = newChart();
    const policy = new WorkloadPolicy(chart, 'Policy', { name: 'p', namespace: 'ml', egress: [{ to: [Peer.sameNamespace()] }] });
    expect(() => policy.addEgress({ to: [Peer.dnsName('pypi.org')], ports: [Port.tcp(443)] }))
      .toThrow(/^test\/Policy: egress\[1\].to\[0\]: NetworkPolicy cannot match DNS names/);
  });

  test('the path of a nested construct is named', () => {
    const chart = newChart();
    expect(() => new NamespaceIsolation(chart, 'Isolation', { namespace: 'Not_Valid' }))
      .toThrow(/^test\/Isolation\/Policy: namespace: a namespace must be a DNS label.*got "Not_Valid"/);
  });
});
