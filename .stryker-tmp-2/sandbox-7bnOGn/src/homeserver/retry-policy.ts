/** Exponential backoff with full jitter: a random wait in [0, min(cap, base * 2^(attempt-1))). */
// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
export function computeBackoffMs(attempt: number, random: () => number, baseMs: number, capMs: number): number {
  if (stryMutAct_9fa48("35")) {
    {}
  } else {
    stryCov_9fa48("35");
    const ceiling = stryMutAct_9fa48("36") ? Math.max(capMs, baseMs * 2 ** Math.max(0, attempt - 1)) : (stryCov_9fa48("36"), Math.min(capMs, stryMutAct_9fa48("37") ? baseMs / 2 ** Math.max(0, attempt - 1) : (stryCov_9fa48("37"), baseMs * 2 ** (stryMutAct_9fa48("38") ? Math.min(0, attempt - 1) : (stryCov_9fa48("38"), Math.max(0, stryMutAct_9fa48("39") ? attempt + 1 : (stryCov_9fa48("39"), attempt - 1)))))));
    return Math.floor(stryMutAct_9fa48("40") ? random() / ceiling : (stryCov_9fa48("40"), random() * ceiling));
  }
}

/**
 * How long a 429 asks us to wait: the body's `retry_after_ms` (millisecond precision) first, else the
 * `Retry-After` header (seconds, or an HTTP date). undefined when the server says nothing usable.
 */
export function readRetryAfterMs(body: unknown, retryAfterHeader: string | null, now: number): number | undefined {
  if (stryMutAct_9fa48("41")) {
    {}
  } else {
    stryCov_9fa48("41");
    if (stryMutAct_9fa48("44") ? body !== null || typeof body === "object" : stryMutAct_9fa48("43") ? false : stryMutAct_9fa48("42") ? true : (stryCov_9fa48("42", "43", "44"), (stryMutAct_9fa48("46") ? body === null : stryMutAct_9fa48("45") ? true : (stryCov_9fa48("45", "46"), body !== null)) && (stryMutAct_9fa48("48") ? typeof body !== "object" : stryMutAct_9fa48("47") ? true : (stryCov_9fa48("47", "48"), typeof body === (stryMutAct_9fa48("49") ? "" : (stryCov_9fa48("49"), "object")))))) {
      if (stryMutAct_9fa48("50")) {
        {}
      } else {
        stryCov_9fa48("50");
        const value = (body as Record<string, unknown>)[stryMutAct_9fa48("51") ? "" : (stryCov_9fa48("51"), "retry_after_ms")];
        if (stryMutAct_9fa48("54") ? typeof value === "number" && Number.isFinite(value) || value >= 0 : stryMutAct_9fa48("53") ? false : stryMutAct_9fa48("52") ? true : (stryCov_9fa48("52", "53", "54"), (stryMutAct_9fa48("56") ? typeof value === "number" || Number.isFinite(value) : stryMutAct_9fa48("55") ? true : (stryCov_9fa48("55", "56"), (stryMutAct_9fa48("58") ? typeof value !== "number" : stryMutAct_9fa48("57") ? true : (stryCov_9fa48("57", "58"), typeof value === (stryMutAct_9fa48("59") ? "" : (stryCov_9fa48("59"), "number")))) && Number.isFinite(value))) && (stryMutAct_9fa48("62") ? value < 0 : stryMutAct_9fa48("61") ? value > 0 : stryMutAct_9fa48("60") ? true : (stryCov_9fa48("60", "61", "62"), value >= 0)))) return value;
      }
    }
    if (stryMutAct_9fa48("65") ? retryAfterHeader !== null : stryMutAct_9fa48("64") ? false : stryMutAct_9fa48("63") ? true : (stryCov_9fa48("63", "64", "65"), retryAfterHeader === null)) return undefined;
    const text = stryMutAct_9fa48("66") ? retryAfterHeader : (stryCov_9fa48("66"), retryAfterHeader.trim());
    if (stryMutAct_9fa48("68") ? false : stryMutAct_9fa48("67") ? true : (stryCov_9fa48("67", "68"), (stryMutAct_9fa48("72") ? /^\D+$/ : stryMutAct_9fa48("71") ? /^\d$/ : stryMutAct_9fa48("70") ? /^\d+/ : stryMutAct_9fa48("69") ? /\d+$/ : (stryCov_9fa48("69", "70", "71", "72"), /^\d+$/)).test(text))) return stryMutAct_9fa48("73") ? Number(text) / 1000 : (stryCov_9fa48("73"), Number(text) * 1000);
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : stryMutAct_9fa48("74") ? Math.min(0, date - now) : (stryCov_9fa48("74"), Math.max(0, stryMutAct_9fa48("75") ? date + now : (stryCov_9fa48("75"), date - now)));
  }
}

/**
 * The run's budget for waiting on 429s (--max-wait). It measures wall-clock time spent waiting, so
 * several requests waiting at the same moment spend it once, not once each.
 */
export class WaitBudget {
  private spentMs = 0;
  private coveredUntil = 0;
  constructor(readonly totalMs: number, private readonly now: () => number) {}
  get leftMs(): number {
    if (stryMutAct_9fa48("76")) {
      {}
    } else {
      stryCov_9fa48("76");
      return stryMutAct_9fa48("77") ? Math.min(0, this.totalMs - this.spentMs) : (stryCov_9fa48("77"), Math.max(0, stryMutAct_9fa48("78") ? this.totalMs + this.spentMs : (stryCov_9fa48("78"), this.totalMs - this.spentMs)));
    }
  }

  /** Reserves a wait starting now; false (and nothing spent) when it would exceed the budget. */
  tryReserve(waitMs: number): boolean {
    if (stryMutAct_9fa48("79")) {
      {}
    } else {
      stryCov_9fa48("79");
      const start = this.now();
      const end = stryMutAct_9fa48("80") ? start - waitMs : (stryCov_9fa48("80"), start + waitMs);
      const extra = stryMutAct_9fa48("81") ? Math.min(0, end - Math.max(start, this.coveredUntil)) : (stryCov_9fa48("81"), Math.max(0, stryMutAct_9fa48("82") ? end + Math.max(start, this.coveredUntil) : (stryCov_9fa48("82"), end - (stryMutAct_9fa48("83") ? Math.min(start, this.coveredUntil) : (stryCov_9fa48("83"), Math.max(start, this.coveredUntil))))));
      if (stryMutAct_9fa48("87") ? this.spentMs + extra <= this.totalMs : stryMutAct_9fa48("86") ? this.spentMs + extra >= this.totalMs : stryMutAct_9fa48("85") ? false : stryMutAct_9fa48("84") ? true : (stryCov_9fa48("84", "85", "86", "87"), (stryMutAct_9fa48("88") ? this.spentMs - extra : (stryCov_9fa48("88"), this.spentMs + extra)) > this.totalMs)) return stryMutAct_9fa48("89") ? true : (stryCov_9fa48("89"), false);
      stryMutAct_9fa48("90") ? this.spentMs -= extra : (stryCov_9fa48("90"), this.spentMs += extra);
      this.coveredUntil = stryMutAct_9fa48("91") ? Math.min(this.coveredUntil, end) : (stryCov_9fa48("91"), Math.max(this.coveredUntil, end));
      return stryMutAct_9fa48("92") ? false : (stryCov_9fa48("92"), true);
    }
  }
}