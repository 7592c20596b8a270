import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { cidrContainsCidr, parseCidr } from '../common/cidr';
import { isPortName } from '../common/syntax';
import { FindingSink, pointer } from './findings';
import { checkKnownFields, NETWORK_POLICY_FIELDS as FIELDS } from './known-fields';
import { checkKubernetesSelector } from './label-selector-rules';

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** networking.k8s.io/v1 NetworkPolicy: the upstream OpenAPI schema (kubernetes-models) plus the API server's validation. */
export function checkNetworkPolicy(manifest: any, sink: FindingSink): void {
  try {
    new NetworkPolicy(manifest).validate();
  } catch (e: any) {
    for (const error of e?.errors ?? [{ instancePath: '', message: String(e?.message ?? e) }]) {
      if (error.keyword === 'required' && error.instancePath === '/spec' && error.params?.missingProperty === 'podSelector') {
        // The OpenAPI schema lists it as required, but the API server decodes a missing podSelector as {}.
        sink.warning('/spec', 'podSelector is missing: the API server reads it as {} (every pod of the namespace); write podSelector: {} to say so');
        continue;
      }
      const allowed = error.params?.allowedValues ? ` (${error.params.allowedValues.join(', ')})` : '';
      sink.error(error.instancePath ?? '', `schema: ${error.message}${allowed}`);
    }
  }
  checkKnownFields(sink, manifest, FIELDS.policy, '', 'a NetworkPolicy');
  const spec = manifest.spec;
  if (!isObject(spec)) return;
  checkKnownFields(sink, spec, FIELDS.spec, '/spec', 'spec');
  checkKnownFields(sink, spec.podSelector, FIELDS.selector, '/spec/podSelector', 'a label selector');
  checkKubernetesSelector(sink, '/spec/podSelector', spec.podSelector);
  const types: unknown[] = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  if (new Set(types).size !== types.length) sink.error('/spec/policyTypes', 'policyTypes may not repeat a type');
  for (const direction of ['ingress', 'egress'] as const) {
    const peersKey = direction === 'ingress' ? 'from' : 'to';
    (Array.isArray(spec[direction]) ? spec[direction] : []).forEach((rule: any, i: number) => {
      const at = pointer('/spec', direction, i);
      checkKnownFields(sink, rule, FIELDS[direction], at, `an ${direction} rule`);
      (Array.isArray(rule?.[peersKey]) ? rule[peersKey] : []).forEach((peer: any, j: number) => checkPeer(peer, pointer(at, peersKey, j), direction, sink));
      (Array.isArray(rule?.ports) ? rule.ports : []).forEach((port: any, j: number) => checkPort(port, pointer(at, 'ports', j), sink));
    });
    if (direction === 'egress' && types.length > 0 && !types.includes('Egress') && Array.isArray(spec.egress) && spec.egress.length > 0) {
      sink.warning('/spec/egress', 'policyTypes does not list Egress, so these egress rules are ignored');
    }
    if (direction === 'ingress' && types.length > 0 && !types.includes('Ingress') && Array.isArray(spec.ingress) && spec.ingress.length > 0) {
      sink.warning('/spec/ingress', 'policyTypes does not list Ingress, so these ingress rules are ignored');
    }
  }
}

function checkPeer(peer: any, path: string, direction: 'ingress' | 'egress', sink: FindingSink): void {
  if (!isObject(peer)) return;
  checkKnownFields(sink, peer, FIELDS.peer, path, 'a peer');
  checkKnownFields(sink, peer.ipBlock, FIELDS.ipBlock, pointer(path, 'ipBlock'), 'an ipBlock');
  for (const selector of ['podSelector', 'namespaceSelector']) checkKnownFields(sink, peer[selector], FIELDS.selector, pointer(path, selector), 'a label selector');
  const selectors = ['podSelector', 'namespaceSelector'].filter((k) => peer[k] !== undefined);
  if (peer.ipBlock !== undefined && selectors.length > 0) {
    sink.error(path, 'a peer may not combine ipBlock with podSelector or namespaceSelector: give them as separate peers');
  }
  if (peer.ipBlock === undefined && selectors.length === 0) sink.error(path, 'must specify a peer: ipBlock, podSelector or namespaceSelector');
  checkKubernetesSelector(sink, pointer(path, 'podSelector'), peer.podSelector);
  checkKubernetesSelector(sink, pointer(path, 'namespaceSelector'), peer.namespaceSelector);
  if (!isObject(peer.ipBlock)) return;
  const cidr = typeof peer.ipBlock.cidr === 'string' ? parseCidr(peer.ipBlock.cidr) : undefined;
  if (!cidr) return sink.error(pointer(path, 'ipBlock', 'cidr'), `must be a valid CIDR such as 10.0.0.0/16 (got ${JSON.stringify(peer.ipBlock.cidr)})`);
  const excepts: unknown[] = Array.isArray(peer.ipBlock.except) ? peer.ipBlock.except : [];
  excepts.forEach((text, i) => {
    const except = typeof text === 'string' ? parseCidr(text) : undefined;
    if (!except) sink.error(pointer(path, 'ipBlock', 'except', i), `must be a valid CIDR (got ${JSON.stringify(text)})`);
    else if (!cidrContainsCidr(cidr, except) || except.prefix === cidr.prefix) {
      sink.error(pointer(path, 'ipBlock', 'except', i), `must be a strict subset of cidr ${peer.ipBlock.cidr} (got ${text})`);
    }
  });
  const metadata = parseCidr(cidr.family === 4 ? '169.254.169.254/32' : 'fd00:ec2::254/128')!;
  const coversMetadata = cidrContainsCidr(cidr, metadata) && cidr.prefix < metadata.prefix
    && !excepts.some((e) => typeof e === 'string' && parseCidr(e) !== undefined && cidrContainsCidr(parseCidr(e)!, metadata));
  if (direction === 'egress' && coversMetadata) {
    sink.warning(pointer(path, 'ipBlock'), `${peer.ipBlock.cidr} includes the cloud metadata endpoint ${metadata.text} (credential theft); add it to except`);
  }
}

function checkPort(port: any, path: string, sink: FindingSink): void {
  if (!isObject(port)) return;
  checkKnownFields(sink, port, FIELDS.port, path, 'a port');
  const value = port.port;
  if (typeof value === 'number' && !(Number.isInteger(value) && value >= 1 && value <= 65535)) {
    sink.error(pointer(path, 'port'), `must be between 1 and 65535, inclusive (got ${value})`);
  }
  if (typeof value === 'string' && !isPortName(value)) {
    sink.error(pointer(path, 'port'), `a named port must be an IANA service name: at most 15 characters of [a-z0-9-] with a letter (got ${JSON.stringify(value)})`);
  }
  if (port.endPort !== undefined) {
    if (typeof value !== 'number') sink.error(pointer(path, 'endPort'), 'endPort needs a numeric port');
    else if (!(Number.isInteger(port.endPort) && port.endPort >= value && port.endPort <= 65535)) {
      sink.error(pointer(path, 'endPort'), `must be from port (${value}) to 65535 (got ${port.endPort})`);
    }
  }
}
