// Stable order for everything a renderer emits, so that GitOps diffs show only real changes.
import { Port } from '../intent/port';

/** Sorts by canonical JSON and drops exact duplicates. */
export function sortedUnique<T>(items: readonly T[]): T[] {
  const byKey = new Map(items.map((item) => [JSON.stringify(item), item]));
  return [...byKey.keys()].sort().map((key) => byKey.get(key)!);
}

/** Numbered ports first by number, then named ports, then whole protocols; protocols alphabetically. */
export function comparePorts(a: Port, b: Port): number {
  const rank = (p: Port) => (typeof p.port === 'number' ? p.port : typeof p.port === 'string' ? 70000 : 80000);
  return rank(a) - rank(b)
    || String(a.port ?? '').localeCompare(String(b.port ?? ''))
    || (a.endPort ?? 0) - (b.endPort ?? 0)
    || (a.protocol ?? '').localeCompare(b.protocol ?? '');
}
