/** Checksums that tell a real card or IBAN from any run of digits. */

/** Luhn (ISO/IEC 7812) over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** IBAN lengths of the countries customers most often write from; others get 15..34. */
export const IBAN_LENGTHS: Record<string, number> = {
  FR: 27, MC: 27, DE: 22, GB: 22, IE: 22, ES: 24, IT: 27, BE: 16, NL: 18, LU: 20, CH: 21, PT: 25,
  AT: 20, DK: 18, FI: 18, SE: 24, NO: 15, PL: 28, GR: 27, CZ: 24, RO: 24, HU: 28, MA: 28, TN: 24, SN: 28,
};

/** ISO 13616 mod-97 check over a compact upper-case IBAN. */
export function ibanValid(compact: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected !== undefined && compact.length !== expected) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}
