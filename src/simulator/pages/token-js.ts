/**
 * The token JS (PaygentToken.js, docs/protocol.md §11.1) and the endpoint it calls. The script keeps Paygent's API:
 *   new PaygentToken().createToken(merchantId, tokenGenerationKey, {card_number, expire_year, expire_month, cvc, name}, callback)
 *   new PaygentToken().createCvcToken(merchantId, tokenGenerationKey, {cvc}, callback)
 * and calls back with { result: "0000", tokenizedCardObject: {token, masked_card_number, valid_until, fingerprint}, hc }
 * or { result: <error code> }. The endpoint allows any origin (CORS) like Paygent's token server.
 */
import type { IncomingMessage, ServerResponse } from "http"
import type { SimulatorCore } from "../core"
import { parseUtf8Form, sendJson, sendText } from "../http-util"
import { createCardToken, createCvcToken, TokenError, tokenView } from "../tokens"

export const TOKEN_ENDPOINT_PATH = "/token/create"

export function tokenScript(core: SimulatorCore): string {
  return `/* PaygentToken.js — served by paygent-simulator (a local stand-in for Paygent's token server). */
(function (global) {
  "use strict";
  var ENDPOINT = ${JSON.stringify(core.publicUrl + TOKEN_ENDPOINT_PATH)};

  function encode(fields) {
    var parts = [];
    for (var key in fields) {
      if (Object.prototype.hasOwnProperty.call(fields, key)) {
        var value = fields[key] === undefined || fields[key] === null ? "" : String(fields[key]);
        parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(value));
      }
    }
    return parts.join("&");
  }

  function send(fields, callback) {
    var finished = false;
    function finish(response) {
      if (finished) return;
      finished = true;
      if (typeof callback === "function") callback(response);
    }
    if (typeof XMLHttpRequest === "undefined") return finish({ result: "7000" });
    try {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", ENDPOINT, true);
      // A "simple" CORS request: no preflight needed.
      xhr.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
      xhr.onload = function () {
        try { finish(JSON.parse(xhr.responseText)); } catch (e) { finish({ result: "9000" }); }
      };
      xhr.onerror = function () { finish({ result: "7001" }); };
      xhr.ontimeout = function () { finish({ result: "7001" }); };
      xhr.timeout = 30000;
      xhr.send(encode(fields));
    } catch (e) {
      finish({ result: "7001" });
    }
  }

  function PaygentToken() {}

  PaygentToken.prototype.createToken = function (merchantId, tokenGenerationKey, card, callback) {
    card = card || {};
    send({
      kind: "card",
      merchant_id: merchantId,
      token_generation_key: tokenGenerationKey,
      card_number: card.card_number,
      expire_year: card.expire_year,
      expire_month: card.expire_month,
      cvc: card.cvc,
      name: card.name
    }, callback);
  };

  PaygentToken.prototype.createCvcToken = function (merchantId, tokenGenerationKey, card, callback) {
    card = card || {};
    send({ kind: "cvc", merchant_id: merchantId, token_generation_key: tokenGenerationKey, cvc: card.cvc }, callback);
  };

  global.PaygentToken = PaygentToken;
})(typeof window !== "undefined" ? window : this);
`
}

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "600",
}

export function serveTokenScript(core: SimulatorCore, res: ServerResponse): void {
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("Access-Control-Allow-Origin", "*")
  sendText(res, 200, tokenScript(core), "application/javascript; charset=utf-8")
}

/** The token endpoint: checks the merchant and its token generation key, then makes a token. */
export function handleTokenEndpoint(core: SimulatorCore, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  if (req.method === "OPTIONS") {
    res.writeHead(204, CORS_HEADERS)
    res.end()
    return
  }
  if (req.method !== "POST") {
    sendJson(res, 405, { result: "9000" }, CORS_HEADERS)
    return
  }
  const answer = (response: unknown) => sendJson(res, 200, response, CORS_HEADERS)
  const fault = core.faults.take("token")
  if (fault?.mode === "maintenance") return answer({ result: "8000" })
  if (fault) return answer({ result: "9000" })

  const form = parseUtf8Form(body)
  const field = (name: string) => form.get(name) ?? ""
  if (field("merchant_id") === "") return answer({ result: "1100" })
  if (field("token_generation_key") === "") return answer({ result: "1200" })
  if (field("merchant_id") !== core.options.merchantId || field("token_generation_key") !== core.options.tokenKey) {
    return answer({ result: "1201" })
  }
  try {
    const record =
      field("kind") === "cvc"
        ? createCvcToken(core, { cvc: field("cvc") })
        : createCardToken(core, {
            card_number: field("card_number"),
            expire_year: field("expire_year"),
            expire_month: field("expire_month"),
            cvc: field("cvc"),
            name: field("name"),
          })
    // PaygentToken.js's own shape: the session-friendly aliases of /_sim/tokens are not part of it.
    const { hc, card_token: _token, token_hc: _hc, ...tokenizedCardObject } = tokenView(core, record)
    answer({ result: "0000", tokenizedCardObject, hc })
  } catch (error) {
    if (error instanceof TokenError) return answer({ result: error.result })
    answer({ result: "9000" })
  }
}
