#!/usr/bin/env node
// Regenerates imports/cilium.io.ts from the Cilium CRDs: `npm run import [-- --out DIR]`.
//
// What is fed to the importer is trimmed, and only that (the generated code is never edited):
// - versions that are not served, or are deprecated (CiliumCIDRGroup v2alpha1), are dropped;
// - `specs` (the multi-rule form of `spec`, same rule types again) and `status` are dropped, because this
//   library always writes a single `spec` and never a status. This halves the module (1.0 MB -> 0.5 MB)
//   and the type-check time; see README "Generated Cilium constructs".
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..');
const CRD_FILES = ['ciliumnetworkpolicies.yaml', 'ciliumclusterwidenetworkpolicies.yaml', 'ciliumcidrgroups.yaml'];

function crdDirectory() {
  return path.resolve(ROOT, process.env.CILIUM_CRDS_DIR || '../shared/crds/cilium');
}

function importerInputPath() {
  const config = YAML.parse(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8'));
  if (!Array.isArray(config.imports) || config.imports.length !== 1) {
    throw new Error('cdk8s.yaml must list exactly one import (the trimmed Cilium CRD file)');
  }
  return path.resolve(ROOT, config.imports[0]);
}

function trimmedCrd(file) {
  const crd = YAML.parse(fs.readFileSync(file, 'utf8'));
  crd.spec.versions = crd.spec.versions.filter((v) => v.served && !v.deprecated);
  for (const version of crd.spec.versions) {
    const properties = version.schema.openAPIV3Schema.properties;
    delete properties.specs;
    delete properties.status;
  }
  return YAML.stringify(crd);
}

function main() {
  const outIndex = process.argv.indexOf('--out');
  const outDir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(ROOT, 'imports');
  const crdDir = crdDirectory();
  for (const f of CRD_FILES) {
    if (!fs.existsSync(path.join(crdDir, f))) {
      throw new Error(`missing ${path.join(crdDir, f)}: set CILIUM_CRDS_DIR to the folder of the Cilium v1.20 CRDs`);
    }
  }
  const input = importerInputPath();
  fs.mkdirSync(path.dirname(input), { recursive: true });
  fs.writeFileSync(input, CRD_FILES.map((f) => trimmedCrd(path.join(crdDir, f))).join('---\n'));

  const cli = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cilium-import-'));
  try {
    execFileSync(cli, ['import', '--language', 'typescript', '--output', workDir, '--no-save', input], {
      cwd: ROOT,
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    fs.mkdirSync(outDir, { recursive: true });
    fs.copyFileSync(path.join(workDir, 'cilium.io.ts'), path.join(outDir, 'cilium.io.ts'));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  process.stdout.write(`wrote ${path.relative(process.cwd(), path.join(outDir, 'cilium.io.ts'))}\n`);
}

main();
