import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';

/** One output file: the objects of one chart. */
export interface ManifestFile {
  /** Relative path, e.g. `ml-training.k8s.yaml`. */
  readonly path: string;
  readonly manifests: readonly any[];
}

/** Every chart of `app` as one file `<chart id>.k8s.yaml`, charts in id order. */
export function collectManifests(app: App): ManifestFile[] {
  return app.charts
    .map((chart: Chart) => ({ path: `${fileNameOf(chart)}.k8s.yaml`, manifests: chart.toJson() }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

function fileNameOf(chart: Construct): string {
  return chart.node.id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
}

/** `kind namespace/name` of a manifest, the identity Kubernetes and Argo CD use. */
export function manifestKey(manifest: any): string {
  const ns = manifest?.metadata?.namespace;
  return `${manifest?.kind} ${ns ? `${ns}/` : ''}${manifest?.metadata?.name}`;
}

/** Messages for objects that share kind/namespace/name (they would overwrite each other in the cluster). */
export function findCollisions(files: readonly ManifestFile[]): string[] {
  const seen = new Map<string, string>();
  const collisions: string[] = [];
  for (const file of files) {
    for (const manifest of file.manifests) {
      const key = `${manifest.apiVersion?.split('/')[0]} ${manifestKey(manifest)}`;
      const first = seen.get(key);
      if (first) collisions.push(`${manifestKey(manifest)} is written by both ${first} and ${file.path}`);
      else seen.set(key, file.path);
    }
  }
  return collisions;
}
