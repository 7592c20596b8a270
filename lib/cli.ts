#!/usr/bin/env node
import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { formatFinding } from './validate/findings';
import { ValidatorOptions } from './validate/options';
import { hasErrors, validateManifests } from './validate/validate';

const USAGE = `usage: cdk8s-ml-netpol validate [--enable-l7-proxy=false] [--enable-icmp-rules=false]
                                [--enable-node-selector-labels] [--enable-extended-ip-protocols]
                                [--mesh-auth-enabled] FILE...
Checks NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy and CiliumCIDRGroup objects in YAML
files against their schemas and the Cilium v1.20 agent's rules. Exit status: 0 valid, 1 errors found, 2 usage.`;

const FLAGS: { [flag: string]: keyof ValidatorOptions } = {
  'enable-l7-proxy': 'enableL7Proxy',
  'enable-icmp-rules': 'enableIcmpRules',
  'enable-node-selector-labels': 'enableNodeSelectorLabels',
  'enable-extended-ip-protocols': 'enableExtendedIpProtocols',
  'mesh-auth-enabled': 'meshAuthEnabled',
};

export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const [command, ...rest] = argv;
  if (command !== 'validate') {
    err(`${USAGE}\n`);
    return 2;
  }
  const options: { [key: string]: boolean } = {};
  const files: string[] = [];
  for (const arg of rest) {
    const flag = /^--([a-z-]+)(?:=(true|false))?$/.exec(arg);
    if (flag && FLAGS[flag[1]]) options[FLAGS[flag[1]]] = flag[2] !== 'false';
    else if (arg.startsWith('--')) {
      err(`unknown option ${arg}\n${USAGE}\n`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) {
    err(`${USAGE}\n`);
    return 2;
  }
  let failed = false;
  let checked = 0;
  for (const file of files) {
    let manifests: any[];
    try {
      const documents = parseAllDocuments(fs.readFileSync(file, 'utf8'));
      const broken = documents.find((d) => d.errors.length > 0);
      if (broken) throw new Error(broken.errors[0].message);
      manifests = documents.map((d) => d.toJS()).filter((m) => m !== null && m !== undefined);
    } catch (e) {
      err(`${file}: cannot read: ${(e as Error).message}\n`);
      failed = true;
      continue;
    }
    const findings = validateManifests(manifests, options);
    checked += manifests.length;
    for (const finding of findings) out(`${file}: ${formatFinding(finding)}\n`);
    failed = failed || hasErrors(findings);
  }
  out(`${checked} objects checked in ${files.length} files: ${failed ? 'INVALID' : 'valid'}\n`);
  return failed ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
