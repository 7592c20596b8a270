import { synthesizeTargets } from '../lib';
import { ENVIRONMENTS } from './environments';
import { buildPlatform } from './platform';

// `cdk8s synth` sets CDK8S_OUTDIR; `node build/app/main.js` alone writes to dist/.
const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
const written = synthesizeTargets(ENVIRONMENTS.map((env) => ({ name: env.name, app: buildPlatform(env) })), outdir);
process.stdout.write(`wrote ${written.length} files to ${outdir}/\n`);
