/** The middle element of a sorted list (the lower of the two middle ones). */
export function middle<T>(sorted: readonly T[]): T | undefined {
  return sorted[(sorted.length - 1) >> 1];
}

/** The median of the values given (nulls left out); null when there are none. */
export function medianOf(values: readonly (number | null)[]): number | null {
  return middle(values.filter((v): v is number => v !== null).sort((a, b) => a - b)) ?? null;
}
