import { Finding } from './findings';
import { ValidatorOptions } from './options';
import { hasErrors, validateManifests } from './validate';

// The cdk8s-cli plugin contract, restated so the library does not depend on the CLI at run time.
interface ValidationReport {
  addViolation(violation: { ruleName: string; recommendation: string; fix: string; violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[] }): void;
  submit(status: 'success' | 'failure', metadata?: { [key: string]: string }): void;
}
interface ValidationContext {
  readonly manifests: readonly string[];
  readonly report: ValidationReport;
  readonly logger: { log(message: string): void };
  parseManifest(manifestPath: string): any[];
}

/**
 * A cdk8s validation plugin: `cdk8s synth` runs it on every synthesized manifest when cdk8s.yaml lists
 * `validations: [{ package: ./node_modules/cdk8s-ml-netpol/build/lib/validate/cdk8s-plugin.js, class: CiliumPolicyValidation, version: 0.1.0, properties: {…ValidatorOptions} }]`.
 * Works for any cdk8s app, whether or not it uses this library's constructs.
 */
export class CiliumPolicyValidation {
  public constructor(private readonly options: ValidatorOptions = {}) {}

  public async validate(context: ValidationContext): Promise<void> {
    const byRule = new Map<string, { finding: Finding; file: string }[]>();
    for (const file of context.manifests) {
      for (const finding of validateManifests(context.parseManifest(file), this.options)) {
        if (finding.severity === 'warning') {
          context.logger.log(`warning: ${finding.kind} ${finding.namespace ? `${finding.namespace}/` : ''}${finding.name} ${finding.path}: ${finding.message}`);
          continue;
        }
        const list = byRule.get(finding.message) ?? [];
        list.push({ finding, file });
        byRule.set(finding.message, list);
      }
    }
    for (const [message, items] of byRule) {
      context.report.addViolation({
        ruleName: message,
        recommendation: `The Kubernetes API server or the Cilium agent rejects this ${items[0].finding.kind}; nothing of it would be enforced.`,
        fix: message,
        violatingResources: items.map(({ finding, file }) => ({ resourceName: finding.name, locations: [finding.path], manifestPath: file })),
      });
    }
    context.report.submit(hasErrors([...byRule.values()].flat().map((i) => i.finding)) ? 'failure' : 'success');
  }
}
