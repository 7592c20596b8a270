import { App } from 'cdk8s';
import { ConnectivityAnalyzer } from '../analyze/analyzer';
import { connectivityReport, ReportInventory } from '../analyze/report';
import { Finding, formatFinding } from '../validate/findings';
import { ValidatorOptions } from '../validate/options';
import { validateManifests } from '../validate/validate';
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

export interface SynthesisOptions {
  /** Cilium agent flags of the target clusters. @default - Cilium v1.20 defaults */
  readonly validation?: ValidatorOptions;
  /** Receives warnings (they do not stop the synthesis). @default - printed to stderr */
  readonly onWarning?: (target: string, finding: Finding) => void;
}

/**
 * Renders every target in memory, validates the whole output (collisions, schemas, Cilium agent rules) and only
 * then returns it: any error throws a SynthesisError and nothing is written.
 */
export function renderTargets(targets: readonly SynthesisTarget[], options: SynthesisOptions = {}): OutputFile[] {
  const output: OutputFile[] = [];
  const errors: string[] = [];
  const onWarning = options.onWarning ?? ((target, f) => process.stderr.write(`${target}: ${formatFinding(f)}\n`));
  for (const target of targets) {
    const files = collectManifests(target.app);
    const manifests = files.flatMap((f) => f.manifests);
    errors.push(...findCollisions(files).map((message) => `${target.name}: ${message}`));
    for (const finding of validateManifests(manifests, options.validation)) {
      if (finding.severity === 'error') errors.push(`${target.name}: ${formatFinding(finding)}`);
      else onWarning(target.name, finding);
    }
    output.push(...files.map(toYamlFile).map((file) => ({ ...file, path: `${target.name}/${file.path}` })));
    if (target.inventory && errors.length === 0) {
      const analyzer = new ConnectivityAnalyzer({ ...target.inventory, manifests });
      output.push({ path: `${target.name}/${REPORT_FILE}`, content: connectivityReport(target.name, analyzer, manifests, target.inventory.externals) });
    }
  }
  if (errors.length > 0) throw new SynthesisError(errors);
  return output;
}

export function synthesizeTargets(targets: readonly SynthesisTarget[], outdir: string, options: SynthesisOptions = {}): OutputFile[] {
  const output = renderTargets(targets, options);
  replaceDirectory(outdir, output);
  return output;
}
