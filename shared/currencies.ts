/**
 * ISO 4217 currencies in circulation and their minor-unit digits.
 * A static table rather than Intl: ICU's digits differ from ISO for a few currencies
 * (it rounds HUF, IDR… for display), and the ledger must agree with itself on every machine.
 */

const ACTIVE_CODES =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN ' +
  'BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ' +
  'ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD ' +
  'JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT ' +
  'MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG ' +
  'QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT ' +
  'TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF ' +
  'XPF YER ZAR ZMW ZWG';

/** Currencies whose minor unit is not the usual 2 digits. */
const NON_TWO_DIGIT: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

const CURRENCIES: ReadonlySet<string> = new Set(ACTIVE_CODES.split(' '));

/** Every supported ISO 4217 code, sorted. */
export const CURRENCY_CODES: readonly string[] = [...CURRENCIES].sort();

/** True for an upper-case ISO 4217 code in circulation ("USD"), false otherwise ("usd", "XXX"). */
export function isCurrencyCode(code: string): boolean {
  return CURRENCIES.has(code);
}

/** Digits after the decimal point in the currency's minor unit: USD 2, JPY 0, KWD 3. */
export function minorDigits(code: string): number {
  if (!CURRENCIES.has(code)) throw new RangeError(`Unknown currency ${code}`);
  return NON_TWO_DIGIT[code] ?? 2;
}
