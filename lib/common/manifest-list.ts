/** Objects of `kind: List` (and `…List`, as `kubectl get -o yaml` writes them) expanded into their items. */
export function expandLists(manifests: readonly object[]): object[] {
  return manifests.flatMap((m: any) =>
    (typeof m?.kind === 'string' && m.kind.endsWith('List') && Array.isArray(m.items) ? expandLists(m.items) : [m]));
}
