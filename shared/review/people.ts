/**
 * Who was added, removed or given another role between two lists of credited
 * people (byline entries, contributor-note entries). A person is the same
 * person when the directory id matches, or — for people typed in by hand —
 * when the name matches ignoring case and surrounding spaces.
 */

export interface CreditedPerson<R extends string> {
  personId: string | null;
  name: string;
  role: R;
}

export type PeopleChange<R extends string> =
  | { kind: 'added'; person: CreditedPerson<R> }
  | { kind: 'removed'; person: CreditedPerson<R> }
  | { kind: 'role'; before: CreditedPerson<R>; after: CreditedPerson<R> };

function personKey(person: CreditedPerson<string>): string {
  return person.personId ?? `name:${person.name.trim().toLowerCase()}`;
}

/**
 * The changes in the order a reader scans them: removals and role changes in
 * the old list's order, then additions in the new list's order. The same
 * person credited twice (author and photographer) is matched role by role.
 */
export function diffPeople<R extends string>(before: readonly CreditedPerson<R>[], after: readonly CreditedPerson<R>[]): PeopleChange<R>[] {
  const remaining = after.map((person) => ({ person, key: personKey(person), used: false }));
  const unmatched: CreditedPerson<R>[] = [];
  // Exact matches (same person, same role) first, so a second role is not mistaken for a role change.
  for (const person of before) {
    const key = personKey(person);
    const same = remaining.find((entry) => !entry.used && entry.key === key && entry.person.role === person.role);
    if (same !== undefined) same.used = true;
    else unmatched.push(person);
  }
  const changes: PeopleChange<R>[] = [];
  for (const person of unmatched) {
    const key = personKey(person);
    const other = remaining.find((entry) => !entry.used && entry.key === key);
    if (other !== undefined) {
      other.used = true;
      changes.push({ kind: 'role', before: person, after: other.person });
    } else {
      changes.push({ kind: 'removed', person });
    }
  }
  for (const entry of remaining) if (!entry.used) changes.push({ kind: 'added', person: entry.person });
  return changes;
}

/** True when both lists credit the same people in the same roles but in another order. */
export function onlyOrderChanged<R extends string>(before: readonly CreditedPerson<R>[], after: readonly CreditedPerson<R>[]): boolean {
  if (before.length !== after.length || diffPeople(before, after).length > 0) return false;
  return before.some((person, index) => {
    const other = after[index]!;
    return personKey(person) !== personKey(other) || person.role !== other.role;
  });
}
