import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { validateManifests } from '../lib';
import { CILIUM_FIELDS } from '../lib/validate/known-fields';

const CRD_DIR = path.resolve(__dirname, '..', process.env.CILIUM_CRDS_DIR ?? '../shared/crds/cilium');
const haveCrds = fs.existsSync(path.join(CRD_DIR, 'ciliumnetworkpolicies.yaml'));

describe('known fields', () => {
  (haveCrds ? test.each(['ciliumnetworkpolicies.yaml', 'ciliumclusterwidenetworkpolicies.yaml']) : test.skip.each(['(no CRDs)']))('the Cilium tables equal the CRD schema: %s', (file) => {
    const schema = parse(fs.readFileSync(path.join(CRD_DIR, file), 'utf8')).spec.versions[0].schema.openAPIV3Schema;
    const keys = (o: any) => Object.keys(o.properties).sort();
    const spec = schema.properties.spec;
    const egressPorts = spec.properties.egress.items.properties.toPorts.items;
    expect({
      policy: keys(schema), rule: keys(spec),
      ingress: keys(spec.properties.ingress.items), ingressDeny: keys(spec.properties.ingressDeny.items),
      egress: keys(spec.properties.egress.items), egressDeny: keys(spec.properties.egressDeny.items),
      portRule: keys(egressPorts), port: keys(egressPorts.properties.ports.items),
      cidrRule: keys(spec.properties.egress.items.properties.toCIDRSet.items),
      icmpField: keys(spec.properties.egress.items.properties.icmps.items.properties.fields.items),
    }).toEqual(CILIUM_FIELDS);
  });

  test.each([
    ['a CNP section typo', { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: { endpointSelector: {}, ingres: [{}], egress: [{}] } }, '/spec/ingres', /unknown field "ingres" in a policy rule.*did you mean ingress\?/],
    ['a CNP peer typo', { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: { endpointSelector: {}, egress: [{ toCidr: ['10.0.0.0/8'] }] } }, '/spec/egress/0/toCidr', /unknown field "toCidr" in an egress rule.*did you mean toCIDR\?/],
    ['a NetworkPolicy peer typo', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: { podSelector: {}, ingress: [{ from: [{ podSelectors: {} }] }] } }, '/spec/ingress/0/from/0/podSelectors', /unknown field "podSelectors" in a peer.*did you mean podSelector\?/],
    ['a NetworkPolicy spec typo', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: { podSelector: {}, policyType: ['Egress'] } }, '/spec/policyType', /unknown field "policyType" in spec.*did you mean policyTypes\?/],
  ] as [string, object, string, RegExp][])('%s is an error naming the field', (_name, manifest, fieldPath, message) => {
    expect(validateManifests([manifest])).toContainEqual(expect.objectContaining({ severity: 'error', path: fieldPath, message: expect.stringMatching(message) }));
  });
});
