import { App } from 'cdk8s';
import { ConnectivityAnalyzer } from '../analyze/analyzer';
import { connectivityReport, ReportInventory } from '../analyze/report';
import { OutputFile, replaceDirectory, toYamlFile } from './gitops-writer';
import { collectManifests, findCollisions } from './manifest-set';

/** One output folder (an environment) and the app that fills it. */
export interface SynthesisTarget {
  /** Folder name under the output directory. */
  readonly name: string;
  readonly app: App;
  /**
   * The workloads expected in the environment: when given, `connectivity.md` (allowed flows per namespace and a
   * Mermaid graph) is written next to the manifests.
   * @default - no report
   */
  readonly inventory?: ReportInventory;
}

/** The file name of the connectivity report in each target folder. */
export const REPORT_FILE = 'connectivity.md';

/** Raised when the output would be wrong; nothing has been written. */
export class SynthesisError extends Error {
  public constructor(public readonly errors: readonly string[]) {
    super(`synthesis failed, nothing was written:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    this.name = 'SynthesisError';
  }
}

/** Renders every target in memory, checks the whole output, and only then writes it: all or nothing. */
export function renderTargets(targets: readonly SynthesisTarget[]): OutputFile[] {
  const output: OutputFile[] = [];
  const errors: string[] = [];
  for (const target of targets) {
    const files = collectManifests(target.app);
    errors.push(...findCollisions(files).map((message) => `${target.name}: ${message}`));
    output.push(...files.map(toYamlFile).map((file) => ({ ...file, path: `${target.name}/${file.path}` })));
    if (target.inventory && errors.length === 0) {
      const manifests = files.flatMap((f) => f.manifests);
      const analyzer = new ConnectivityAnalyzer({ ...target.inventory, manifests });
      output.push({ path: `${target.name}/${REPORT_FILE}`, content: connectivityReport(target.name, analyzer, manifests, target.inventory.externals) });
    }
  }
  if (errors.length > 0) throw new SynthesisError(errors);
  return output;
}

export function synthesizeTargets(targets: readonly SynthesisTarget[], outdir: string): OutputFile[] {
  const output = renderTargets(targets);
  replaceDirectory(outdir, output);
  return output;
}
