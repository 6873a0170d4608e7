// The Mini App page: plain JavaScript, no build step. Texts come from the server in the user's
// language and enter the page only as text nodes, never as HTML.
"use strict";

const tg = window.Telegram && window.Telegram.WebApp;
const $ = (id) => document.getElementById(id);
const state = {
  token: "", expires: 0, texts: {}, businesses: [], business: null, view: "wallet",
  lastEvent: "", source: null, reading: false, again: false, result: null, customer: null,
  customerId: null,
};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "className") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function newKey() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

class Refused extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body) {
  const options = { method, headers: { Authorization: `Bearer ${state.token}` } };
  if (body !== undefined) {
    options.body = JSON.stringify(body);
    options.headers["Content-Type"] = "application/json";
  }
  const response = await fetch(path, options);
  if (response.status === 401) { ended(); throw new Refused(401, state.texts.reopen); }
  const data = (response.headers.get("Content-Type") || "").startsWith("application/json")
    ? await response.json() : null;
  if (!response.ok) throw new Refused(response.status, (data && data.message) || response.statusText);
  return data;
}

function notice(text) {
  $("notice").textContent = text || "";
  $("notice").hidden = !text;
}

function ended() {
  sessionStorage.removeItem("webapp-session");
  if (state.source) state.source.close();
  state.source = null;
  notice(state.texts.reopen || "Session ended.");
}

// --- the session ----------------------------------------------------------------------------

async function openSession() {
  const kept = JSON.parse(sessionStorage.getItem("webapp-session") || "null");
  if (kept && kept.expires_at * 1000 > Date.now() + 30000) return kept;  // a reload of the page
  const response = await fetch("api/session", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ init_data: (tg && tg.initData) || "" }),
  });
  if (!response.ok) throw new Refused(response.status, "This page opens from the bot's chat only.");
  const session = await response.json();
  sessionStorage.setItem("webapp-session", JSON.stringify(session));
  return session;
}

function useSession(session) {
  state.token = session.token;
  state.expires = session.expires_at;
  state.texts = session.texts;
  document.documentElement.lang = session.locale;
  document.documentElement.dir = session.dir;
  const words = {
    "tab-wallet": "tab_wallet", "tab-staff": "tab_staff", "cards-title": "cards",
    "history-title": "history", "requests-title": "requests", "show-qr": "show_qr",
    "qr-hint": "qr_hint", "qr-close": "close", scan: "scan", undo: "undo", "plus-one": "plus_one",
    other: "other_amount", redeem: "redeem", "today-title": "today", "feed-title": "feed",
    "search-title": "search", "chart-title": "chart",
  };
  for (const [id, key] of Object.entries(words)) $(id).textContent = state.texts[key];
  $("search").placeholder = state.texts.search_hint;
  $("amount").placeholder = state.texts.amount_prompt;
  document.title = state.texts.title;
}

async function renew() {
  try {
    const fresh = await api("POST", "api/renew");
    state.token = fresh.token;
    state.expires = fresh.expires_at;
    const kept = JSON.parse(sessionStorage.getItem("webapp-session") || "{}");
    sessionStorage.setItem("webapp-session", JSON.stringify({ ...kept, ...fresh }));
  } catch (_) { /* ended() said so */ }
}

// --- live updates -----------------------------------------------------------------------------

function connect() {
  if (state.source) state.source.close();
  const query = new URLSearchParams({ token: state.token, last: state.lastEvent });
  if (state.business) query.set("business", state.business);
  const source = new EventSource(`api/events?${query}`);
  state.source = source;
  source.addEventListener("open", () => { $("live").dataset.state = "on"; });
  source.addEventListener("changed", (event) => {
    state.lastEvent = event.lastEventId;
    refresh();
  });
  source.addEventListener("error", () => {
    $("live").dataset.state = "off";
    $("live").textContent = state.texts.offline;
    if (source.readyState === EventSource.CLOSED) {  // refused or ended: a fresh token, again
      setTimeout(async () => { if (state.source === source) { await renew(); connect(); } }, 1000);
    }
  });
  source.addEventListener("open", () => { $("live").textContent = state.texts.live; });
}

// One read at a time; a change during a read reads once more after it.
async function refresh() {
  if (state.reading) { state.again = true; return; }
  state.reading = true;
  try {
    do {
      state.again = false;
      await (state.view === "staff" ? loadStaff() : loadWallet());
    } while (state.again);
  } catch (error) {
    notice(error.message);
  } finally {
    state.reading = false;
  }
}

// --- the wallet -------------------------------------------------------------------------------

// One card as drawn: every field the server's card_json gives that the page knows.
function drawCard(card) {
  const share = card.threshold > 0 ? Math.min(100, (100 * card.balance) / card.threshold) : 0;
  const bar = el("span");
  bar.style.width = `${share}%`;
  return el("div", { className: "card", "data-card-id": card.id },
    el("div", { className: "business", dir: "auto" }, card.business),
    el("div", { className: "program", dir: "auto" }, card.program),
    card.tier && el("div", { className: "tier", dir: "auto", "data-tier": card.tier.name },
      card.tier.text),
    el("div", { className: "balance" }, card.balance),
    el("div", { className: "bar" }, bar),
    el("div", { className: "progress", dir: "auto" }, card.progress),
    drawLadder(card.ladder || []),
    card.expiry && el("div", { className: "expiry", dir: "auto" }, card.expiry));
}

// Every rung of the rewards ladder, cheapest first: ready, already had, N to go, or later.
function drawLadder(rungs) {
  if (!rungs.length) return null;
  return el("ol", { className: "ladder", "aria-label": state.texts.rewards },
    ...rungs.map((r) => el("li", { className: `rung ${r.state}`, "data-reward-id": r.id,
      "data-state": r.state },
    el("span", { className: "rung-name", dir: "auto" }, r.name),
    el("span", { className: "rung-cost" }, r.cost_words),
    r.note && el("span", { className: "rung-note" }, r.note))));
}

function drawEntries(entries) {
  if (!entries.length) return el("p", { className: "empty" }, state.texts.no_history);
  return el("ul", { className: "entries" }, ...entries.map((e) => el("li", { "data-entry-id": e.id },
    el("span", { className: "delta", dir: "ltr" }, e.delta),
    el("span", { dir: "auto" }, e.customer ? `${e.customer} · ${e.reason}` : e.reason),
    el("span", { className: "when" }, e.when))));
}

async function loadWallet() {
  const data = await api("GET", "api/wallet");
  $("cards").replaceChildren(...(data.cards.length ? data.cards.map(drawCard)
    : [el("p", { className: "empty" }, state.texts.no_cards)]));
  $("history").replaceChildren(...data.history.map((group) => el("div", { className: "group" },
    el("div", { className: "group-title", dir: "auto" }, group.title), drawEntries(group.entries))));
  $("requests-box").hidden = !data.requests.length;
  $("requests").replaceChildren(...data.requests.map((r) => el("div", {
    className: "request", "data-request-id": r.id },
  el("p", { dir: "auto" }, r.text),
  el("div", { className: "actions" },
    el("button", { type: "button", className: "yes", onclick: () => answer(r.id, true) }, r.yes),
    el("button", { type: "button", className: "no", onclick: () => answer(r.id, false) }, r.no)))));
}

async function answer(id, approve) {
  try {
    const done = await api("POST", `api/requests/${id}`, { approve });
    notice(done.text);
  } catch (error) { notice(error.message); }
  refresh();
}

async function showQr() {
  const response = await fetch("api/qr.png", { headers: { Authorization: `Bearer ${state.token}` } });
  if (!response.ok) { notice(state.texts.reopen); return; }
  const old = $("qr").src;
  $("qr").src = URL.createObjectURL(await response.blob());
  if (old) URL.revokeObjectURL(old);
  $("qr-screen").hidden = false;
  if (tg && tg.expand) tg.expand();
}

// --- the counter ------------------------------------------------------------------------------

async function loadStaff() {
  if (!state.business) return;
  const base = `api/staff/${state.business}`;
  const today = await api("GET", `${base}/today`);
  $("figures").replaceChildren(...today.figures.map((f) => el("div", {
    className: "figure", "data-figure": f.key },
  el("span", { className: "value" }, f.value), el("span", { className: "label" }, f.label))));
  $("feed").replaceChildren(today.feed.length ? drawEntries(today.feed)
    : el("p", { className: "empty" }, state.texts.feed_empty));
  if (state.customerId) await openCustomer(state.customerId);
  if ($("chart-box").open) loadChart();
}

async function loadChart() {
  const response = await fetch(`api/staff/${state.business}/chart.png`,
    { headers: { Authorization: `Bearer ${state.token}` } });
  if (!response.ok) return;
  const old = $("chart").src;
  $("chart").src = URL.createObjectURL(await response.blob());
  if (old) URL.revokeObjectURL(old);
}

function scan() {
  const deliver = (text) => { submitScan(text); return true; };
  if (tg && tg.showScanQrPopup) tg.showScanQrPopup({ text: state.texts.scan_prompt }, deliver);
  else {
    const typed = window.prompt(state.texts.type_code);
    if (typed) submitScan(typed);
  }
}

async function submitScan(text) {
  try {
    const result = await api("POST", `api/staff/${state.business}/scan`, { text, key: newKey() });
    showResult(result.text, result);
  } catch (error) { showResult(error.message, null); }
  refresh();
}

function showResult(text, result) {
  state.result = result;
  $("result").hidden = false;
  $("result-text").textContent = text;
  $("undo").hidden = !(result && result.entry_id);
  for (const id of ["plus-one", "other", "redeem"]) $(id).hidden = !(result && result.card_id);
  $("amount-form").hidden = true;
  $("reward-choice").replaceChildren();
  $("reward-says").textContent = "";
  if (tg && tg.HapticFeedback) tg.HapticFeedback.notificationOccurred(result ? "success" : "error");
}

async function act(path, body, out = $("result-text")) {
  try {
    const done = await api("POST", `api/staff/${state.business}/${path}`, body);
    out.textContent = done.text;
  } catch (error) { out.textContent = error.message; }
  refresh();
}

// 🎁 Redeem, as in the chat: the rewards the card pays for, one button each (none: why not);
// the one chosen is sent to the customer to approve.
async function offerRewards(cardId, box, out) {
  box.replaceChildren();
  try {
    const offer = await api("GET", `api/staff/${state.business}/cards/${cardId}/rewards`);
    out.textContent = offer.text;
    box.replaceChildren(...offer.rewards.map((r) => el("button", {
      type: "button", className: "reward-choice", "data-reward-id": r.id, dir: "auto",
      onclick: () => { box.replaceChildren(); act("redeem", { card_id: cardId, reward_id: r.id }, out); },
    }, r.label)));
  } catch (error) { out.textContent = error.message; }
}

async function search(event) {
  event.preventDefault();
  const q = $("search").value.trim();
  const data = await api("GET", `api/staff/${state.business}/customers?${new URLSearchParams({ q })}`);
  $("results").replaceChildren(...(data.customers.length ? data.customers.map((c) => el("button", {
    type: "button", className: "result-row", "data-customer-id": c.id,
    onclick: () => openCustomer(c.id) },
  el("span", { dir: "auto" }, c.name), el("span", {}, `${state.texts.balance}: ${c.balance}`)))
    : [el("p", { className: "empty" }, state.texts.no_match)]));
}

async function openCustomer(id) {
  if (state.customerId !== id) {
    $("customer-rewards").replaceChildren();
    $("customer-says").textContent = "";
  }
  state.customerId = id;
  const data = await api("GET", `api/staff/${state.business}/customers/${id}`);
  $("customer").hidden = false;
  $("customer-name").textContent = data.name;
  $("customer-cards").replaceChildren(...data.cards.map((card) => el("div", {
    className: "customer-card", "data-card-id": card.id },
  el("span", { dir: "auto" }, `${card.program}: `), el("b", { className: "balance" }, card.balance),
  el("button", { type: "button", onclick: () => act("award", { card_id: card.id, points: 1, key: newKey() }) },
    state.texts.plus_one),
  el("button", { type: "button", className: "redeem",
    onclick: () => offerRewards(card.id, $("customer-rewards"), $("customer-says")) },
  state.texts.redeem))));
  $("customer-history").replaceChildren(drawEntries(data.history));
}

// --- start ----------------------------------------------------------------------------------

function show(view) {
  state.view = view;
  $("wallet").hidden = view !== "wallet";
  $("staff").hidden = view !== "staff";
  $("tab-wallet").classList.toggle("current", view === "wallet");
  $("tab-staff").classList.toggle("current", view === "staff");
  return refresh();
}

async function start() {
  if (tg) { tg.ready(); if (tg.expand) tg.expand(); }
  try {
    useSession(await openSession());
  } catch (error) {
    notice(error.message);
    document.body.dataset.ready = "refused";
    return;
  }
  const staff = await api("GET", "api/staff");
  state.businesses = staff.businesses;
  if (state.businesses.length) {
    state.business = state.businesses[0].id;
    $("tabs").hidden = false;
    const select = $("business");
    select.replaceChildren(...state.businesses.map((b) => el("option", { value: b.id }, b.name)));
    select.hidden = state.businesses.length < 2;
    select.addEventListener("change", () => {
      state.business = Number(select.value);
      state.customerId = null;
      $("customer").hidden = true;
      connect();
      refresh();
    });
  }
  $("tab-wallet").addEventListener("click", () => show("wallet"));
  $("tab-staff").addEventListener("click", () => show("staff"));
  $("show-qr").addEventListener("click", showQr);
  $("qr-close").addEventListener("click", () => { $("qr-screen").hidden = true; });
  $("scan").addEventListener("click", scan);
  $("undo").addEventListener("click", () => act("undo", { entry_id: state.result.entry_id }));
  $("plus-one").addEventListener("click",
    () => act("award", { card_id: state.result.card_id, points: 1, key: newKey() }));
  $("redeem").addEventListener("click",
    () => offerRewards(state.result.card_id, $("reward-choice"), $("reward-says")));
  $("other").addEventListener("click", () => { $("amount-form").hidden = false; $("amount").focus(); });
  $("amount-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act("award", { card_id: state.result.card_id, points: Number($("amount").value), key: newKey() });
    $("amount-form").hidden = true;
  });
  $("search-form").addEventListener("submit", search);
  $("chart-box").addEventListener("toggle", () => { if ($("chart-box").open) loadChart(); });
  // Half-way through the session, a fresh token; the stream reconnects with it when it ends.
  setInterval(() => { if (state.expires * 1000 - Date.now() < 30 * 60 * 1000) renew(); }, 60 * 1000);
  const wanted = new URLSearchParams(location.search).get("view");
  connect();
  await (wanted === "staff" && state.business ? show("staff") : show("wallet"));
  document.body.dataset.ready = "1";
}

start();
