/**
 * Payer names against client names: banks upper-case, truncate, drop accents, swap first and
 * last names and append legal forms, so names are compared as sets of words.
 */

/** Legal forms and filler words that say nothing about who paid. */
const NOISE = new Set([
  'ltd',
  'limited',
  'llc',
  'inc',
  'corp',
  'co',
  'company',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'ug',
  'ohg',
  'mbh',
  'sia',
  'as',
  'oy',
  'ab',
  'bv',
  'nv',
  'sa',
  'sarl',
  'sas',
  'srl',
  'spa',
  'sp',
  'zoo',
  'oü',
  'uab',
  'the',
  'and',
  'und',
  'mr',
  'mrs',
  'ms',
  'dr',
]);

/** A name's significant words: lower case, accents and punctuation removed, legal forms dropped. */
export function nameWords(name: string | null): string[] {
  if (name === null) return [];
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 1 && !NOISE.has(w));
}

/**
 * Similarity of two word lists in [0, 1]: the Dice coefficient of the word sets, 1 when one
 * list spells the other without spaces ("NORTHWINDSTUDIO"), and at least 0.9 when a payer name
 * cut short by the bank is the start of the other.
 */
export function nameSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.join('') === b.join('')) return 1;
  const setB = new Set(b);
  const setA = new Set(a);
  let common = 0;
  for (const w of setA) if (setB.has(w)) common++;
  const dice = (2 * common) / (setA.size + setB.size);
  const joinedA = a.join(' ');
  const joinedB = b.join(' ');
  const truncated =
    Math.min(joinedA.length, joinedB.length) >= 8 && (joinedA.startsWith(joinedB) || joinedB.startsWith(joinedA));
  return truncated ? Math.max(dice, 0.9) : dice;
}
