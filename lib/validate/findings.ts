export type Severity = 'error' | 'warning';

/** One problem in one manifest. A manifest is invalid exactly when an error finding names it. */
export interface Finding {
  readonly severity: Severity;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** JSON pointer into the manifest, e.g. `/spec/egress/0/toPorts/0/ports/1/port`. */
  readonly path: string;
  readonly message: string;
}

/** `/a/b~1c` from segments (RFC 6901 escaping). */
export function pointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Collects the findings of one manifest. */
export class FindingSink {
  public readonly findings: Finding[] = [];
  private readonly identity: { kind: string; name: string; namespace?: string };

  public constructor(manifest: any) {
    const namespace = manifest?.metadata?.namespace;
    this.identity = { kind: String(manifest?.kind ?? '?'), name: String(manifest?.metadata?.name ?? '?'), ...(namespace ? { namespace } : {}) };
  }

  public error(path: string, message: string): void {
    this.findings.push({ severity: 'error', ...this.identity, path, message });
  }

  public warning(path: string, message: string): void {
    this.findings.push({ severity: 'warning', ...this.identity, path, message });
  }
}

export function formatFinding(f: Finding): string {
  return `${f.severity}: ${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name} ${f.path || '/'}: ${f.message}`;
}
