import { synthesizeTargets } from '../lib';
import { ENVIRONMENTS } from './environments';
import { buildGitOps } from './gitops';
import { inventoryFor } from './inventory';
import { buildPlatform } from './platform';

// `cdk8s synth` sets CDK8S_OUTDIR; `node build/app/main.js` alone writes to dist/.
const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
const targets = [
  ...ENVIRONMENTS.map((env) => ({ name: env.name, app: buildPlatform(env), inventory: inventoryFor(env) })),
  // Not an environment: the ApplicationSet that syncs each environment folder.
  { name: 'argocd', app: buildGitOps(ENVIRONMENTS) },
];
const written = synthesizeTargets(targets, outdir);
process.stdout.write(`wrote ${written.length} files to ${outdir}/\n`);
