import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { ManifestFile } from './manifest-set';

/** A file to write, already rendered. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

export function toYamlFile(file: ManifestFile): OutputFile {
  return { path: file.path, content: Yaml.stringify(...file.manifests) };
}

/**
 * Replaces `outdir` with exactly `files`: they are written to a sibling folder first and swapped in,
 * so a failure leaves the previous output untouched and stale files never survive.
 */
export function replaceDirectory(outdir: string, files: readonly OutputFile[]): void {
  const target = path.resolve(outdir);
  const staging = `${target}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    for (const file of files) {
      const full = path.join(staging, file.path);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, file.content);
    }
    fs.mkdirSync(staging, { recursive: true });
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(staging, target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
