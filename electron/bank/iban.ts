/** IBAN checks (ISO 13616 mod-97), for tidying account ids that banks decorate. */

/** True for a syntactically valid IBAN with a correct check (spaces already removed). */
export function isIban(text: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(text)) return false;
  const moved = text.slice(4) + text.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    rest = v >= 10 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97;
  }
  return rest === 1;
}

/**
 * An account id as a bank wrote it → the form we store: spaces removed, and a currency suffix
 * dropped where what is left is an IBAN ("NL91ABNA0417164300EUR" → "NL91ABNA0417164300").
 */
export function tidyAccountId(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  const m = /^(.+?)([A-Z]{3})$/.exec(compact);
  if (m !== null && !isIban(compact) && isIban(m[1]!)) return m[1]!;
  return isIban(compact) ? compact : raw.trim();
}
