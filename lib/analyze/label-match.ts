/** `metav1.LabelSelector` semantics: every matchLabels pair AND every expression; NotIn holds for an absent key. */
export function matchesLabelSelector(selector: any, labels: { readonly [key: string]: string }): boolean {
  if (selector === undefined || selector === null) return true;
  // Malformed parts (the API server rejects them) match nothing.
  if (typeof selector !== 'object') return false;
  const matchLabels = selector.matchLabels ?? {};
  const matchExpressions = selector.matchExpressions ?? [];
  if (typeof matchLabels !== 'object' || !Array.isArray(matchExpressions)) return false;
  for (const [key, value] of Object.entries(matchLabels)) {
    if (labels[key] !== value) return false;
  }
  return matchExpressions.every((e: any) => {
    if (typeof e !== 'object' || e === null) return false;
    const present = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values: string[] = e.values ?? [];
    switch (e.operator) {
      case 'In': return present && values.includes(labels[e.key]);
      case 'NotIn': return !present || !values.includes(labels[e.key]);
      case 'Exists': return present;
      case 'DoesNotExist': return !present;
      default: return false;
    }
  });
}
