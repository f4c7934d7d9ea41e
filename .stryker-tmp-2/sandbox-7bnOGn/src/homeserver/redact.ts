/** Replaces every copy of a secret (raw or URL/JSON-escaped) in server-sent text. */
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
export type Redactor = (text: string) => string;
export const REDACTED = stryMutAct_9fa48("0") ? "" : (stryCov_9fa48("0"), "[REDACTED]");
export function createRedactor(secret: string): Redactor {
  if (stryMutAct_9fa48("1")) {
    {}
  } else {
    stryCov_9fa48("1");
    const jsonEscaped = stryMutAct_9fa48("2") ? JSON.stringify(secret) : (stryCov_9fa48("2"), JSON.stringify(secret).slice(1, stryMutAct_9fa48("3") ? +1 : (stryCov_9fa48("3"), -1)));
    // Some encoders (PHP's json_encode, some proxies) also write "/" as "\/".
    const forms = stryMutAct_9fa48("5") ? [...new Set([secret, encodeURIComponent(secret), jsonEscaped, secret.replace(/\//g, "\\/"), jsonEscaped.replace(/\//g, "\\/")])].sort((a, b) => b.length - a.length) : stryMutAct_9fa48("4") ? [...new Set([secret, encodeURIComponent(secret), jsonEscaped, secret.replace(/\//g, "\\/"), jsonEscaped.replace(/\//g, "\\/")])].filter(form => form.length > 0) : (stryCov_9fa48("4", "5"), (stryMutAct_9fa48("6") ? [] : (stryCov_9fa48("6"), [...new Set(stryMutAct_9fa48("7") ? [] : (stryCov_9fa48("7"), [secret, encodeURIComponent(secret), jsonEscaped, secret.replace(/\//g, stryMutAct_9fa48("8") ? "" : (stryCov_9fa48("8"), "\\/")), jsonEscaped.replace(/\//g, stryMutAct_9fa48("9") ? "" : (stryCov_9fa48("9"), "\\/"))]))])).filter(stryMutAct_9fa48("10") ? () => undefined : (stryCov_9fa48("10"), form => stryMutAct_9fa48("14") ? form.length <= 0 : stryMutAct_9fa48("13") ? form.length >= 0 : stryMutAct_9fa48("12") ? false : stryMutAct_9fa48("11") ? true : (stryCov_9fa48("11", "12", "13", "14"), form.length > 0))).sort(stryMutAct_9fa48("15") ? () => undefined : (stryCov_9fa48("15"), (a, b) => stryMutAct_9fa48("16") ? b.length + a.length : (stryCov_9fa48("16"), b.length - a.length))));
    return text => {
      if (stryMutAct_9fa48("17")) {
        {}
      } else {
        stryCov_9fa48("17");
        let result = text;
        for (const form of forms) result = result.split(form).join(REDACTED);
        return result;
      }
    };
  }
}

/** Applies a redactor to every string (keys included) inside a parsed JSON value. */
export function redactJson(value: unknown, redact: Redactor): unknown {
  if (stryMutAct_9fa48("18")) {
    {}
  } else {
    stryCov_9fa48("18");
    if (stryMutAct_9fa48("21") ? typeof value !== "string" : stryMutAct_9fa48("20") ? false : stryMutAct_9fa48("19") ? true : (stryCov_9fa48("19", "20", "21"), typeof value === (stryMutAct_9fa48("22") ? "" : (stryCov_9fa48("22"), "string")))) return redact(value);
    if (stryMutAct_9fa48("24") ? false : stryMutAct_9fa48("23") ? true : (stryCov_9fa48("23", "24"), Array.isArray(value))) return value.map(stryMutAct_9fa48("25") ? () => undefined : (stryCov_9fa48("25"), item => redactJson(item, redact)));
    if (stryMutAct_9fa48("28") ? value !== null || typeof value === "object" : stryMutAct_9fa48("27") ? false : stryMutAct_9fa48("26") ? true : (stryCov_9fa48("26", "27", "28"), (stryMutAct_9fa48("30") ? value === null : stryMutAct_9fa48("29") ? true : (stryCov_9fa48("29", "30"), value !== null)) && (stryMutAct_9fa48("32") ? typeof value !== "object" : stryMutAct_9fa48("31") ? true : (stryCov_9fa48("31", "32"), typeof value === (stryMutAct_9fa48("33") ? "" : (stryCov_9fa48("33"), "object")))))) {
      if (stryMutAct_9fa48("34")) {
        {}
      } else {
        stryCov_9fa48("34");
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) out[redact(key)] = redactJson(item, redact);
        return out;
      }
    }
    return value;
  }
}