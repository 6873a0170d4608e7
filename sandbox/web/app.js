// The sandbox chat page: plain JavaScript over the control API (/sandbox/...), no build step.
// Every text from users or the bot goes into the page with textContent or setAttribute, never
// as HTML, so a name like "<b>Ann</b>" shows as typed.
"use strict";

const LANGUAGES = [["en", "English"], ["ar", "العربية"], ["es", "Español"], ["fr", "Français"],
  ["ru", "Русский"]];
const POLL_SECONDS = 25;
const USERS_EVERY_MS = 3000;
const state = {
  limits: { photo: 10 * 1024 * 1024, document: 50 * 1024 * 1024 },
  users: [], user: null, messages: new Map(), nodes: new Map(), follow: null,
};
const $ = (id) => document.getElementById(id);

async function api(method, path, body, signal) {
  const options = { method, signal, headers: {} };
  if (body instanceof FormData) options.body = body;
  else if (body !== undefined) {
    options.body = JSON.stringify(body);
    options.headers["Content-Type"] = "application/json";
  }
  const response = await fetch(path, options);
  const raw = await response.text();
  let data = null;
  try { data = raw ? JSON.parse(raw) : null; } catch (_) { data = null; }
  if (!response.ok) {
    const reason = (data && data.error) || raw.slice(0, 200) || response.statusText;
    throw new Error(`${reason} (HTTP ${response.status})`);
  }
  return data;
}

function showError(text) {
  $("error-text").textContent = text;
  $("error").hidden = false;
}

function clearError() { $("error").hidden = true; }

// --- users -----------------------------------------------------------------------------------

function userName(user) {
  return [user.first_name, user.last_name].filter(Boolean).join(" ") || `User ${user.id}`;
}

async function loadUsers() {
  state.users = (await api("GET", "/sandbox/users")).map((entry) => entry.user);
  renderUsers();
}

function renderUsers() {
  const list = $("users");
  list.replaceChildren(...state.users.map((user) => {
    const name = userName(user);
    const current = state.user && state.user.id === user.id;
    return el("li", { className: current ? "user current" : "user", "data-user-id": user.id,
      onclick: () => { location.hash = `user=${user.id}`; } },
    el("span", { className: "avatar", "aria-hidden": "true" }, Array.from(name)[0].toUpperCase()),
    el("span", { className: "who" },
      el("span", { className: "name", dir: "auto" }, name),
      el("span", { className: "hint" },
        `${user.username ? "@" + user.username + " · " : ""}${user.language_code || "—"}`)));
  }));
}

async function addUser(event) {
  event.preventDefault();
  const name = $("new-name").value.trim();
  if (!name) { showError("A user needs a name."); return; }
  // Like the terminal client: the name, lowercased, letters and digits only, is the username.
  const username = name.toLowerCase().replace(/[^\p{L}\p{N}_]+/gu, "_").slice(0, 32);
  try {
    const made = await api("POST", "/sandbox/users", {
      first_name: name, username, language_code: $("new-language").value,
    });
    $("new-name").value = "";
    clearError();
    await loadUsers();
    location.hash = `user=${made.user.id}`;
  } catch (error) {
    showError(`Could not add the user: ${error.message}`);
  }
}

async function setLanguage() {
  if (!state.user) return;
  try {
    const body = { language_code: $("chat-language").value };
    state.user = (await api("POST", `/sandbox/users/${state.user.id}/language`, body)).user;
    await loadUsers();
    renderHeader();
  } catch (error) {
    showError(`Could not change the language: ${error.message}`);
  }
}

// --- the open chat -----------------------------------------------------------------------------

function selectFromHash() {
  const match = /user=(\d+)/.exec(location.hash);
  const wanted = match ? Number(match[1]) : (state.users[0] && state.users[0].id);
  const user = state.users.find((u) => u.id === wanted) || state.users[0] || null;
  if (state.follow) state.follow.abort();
  state.user = user;
  state.messages.clear();
  state.nodes.clear();
  $("messages").replaceChildren();
  renderUsers();
  renderHeader();
  renderKeyboard();
  if (user) {
    state.follow = new AbortController();
    follow(user.id, state.follow.signal);
  }
}

function renderHeader() {
  const user = state.user;
  $("chat-title").textContent = user ? userName(user) : "No user yet";
  $("chat-subtitle").textContent = user
    ? `chatting with the bot as ${user.username ? "@" + user.username : "user " + user.id}`
    : "Add a user on the left to start chatting.";
  $("chat-language-label").hidden = !user;
  if (user) $("chat-language").value = user.language_code || "en";
  $("composer").hidden = !user;
  renderMenuButton(user);
}

// The chat's menu button: a Mini App's, when the bot set one (setChatMenuButton).
async function renderMenuButton(user) {
  const button = $("menu-button");
  button.hidden = true;
  if (!user) return;
  try {
    const menu = await api("GET", `/sandbox/users/${user.id}/menu_button`);
    if (menu.type !== "web_app" || state.user !== user) return;
    button.textContent = `☰ ${menu.text}`;
    button.onclick = () => openWebApp(menu.web_app.url);
    button.hidden = false;
  } catch (_) { /* no menu button */ }
}

// Opens a Mini App in a new window, with initData signed for this user as Telegram would.
async function openWebApp(url) {
  if (!state.user) return;
  try {
    const opened = await api("POST", `/sandbox/users/${state.user.id}/webapp`, { url });
    window.open(opened.url, "_blank");
  } catch (error) {
    showError(`Could not open the Mini App: ${error.message}`);
  }
}

// Long-polls the chat's changes (new, edited, deleted messages) as sandbox/client.py does.
async function follow(chatId, signal) {
  let since = 0;
  let failures = 0;
  while (!signal.aborted) {
    const path = `/sandbox/chats/${chatId}/messages?since=${since}&wait=${POLL_SECONDS}&all=1&bytes=0`;
    try {
      const body = await api("GET", path, undefined, signal);
      since = body.version;
      for (const message of body.messages) upsert(message);
      renderKeyboard();
      if (failures) clearError();
      failures = 0;
    } catch (error) {
      if (signal.aborted) return;
      failures += 1;
      showError(`Lost the sandbox (${error.message}); retrying…`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * failures, 5000)));
    }
  }
}

function upsert(entry) {
  const id = entry.message.message_id;
  const old = state.nodes.get(id);
  state.messages.set(id, entry);
  const list = $("messages");
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  if (entry.deleted) {
    if (old) old.remove();
    state.nodes.delete(id);
    return;
  }
  const node = renderMessage(entry);
  state.nodes.set(id, node);
  if (old) old.replaceWith(node);
  else {
    const later = [...state.nodes.keys()].filter((k) => k > id && state.nodes.get(k).isConnected);
    const next = later.length ? state.nodes.get(Math.min(...later)) : null;
    list.insertBefore(node, next);
  }
  if (nearBottom || !old) list.scrollTop = list.scrollHeight;
}

async function press(messageId, button, node) {
  node.classList.add("pending");
  try {
    const body = { message_id: messageId, data: button.callback_data };
    const pressed = await api("POST", `/sandbox/users/${state.user.id}/press`, body);
    const reply = await api("GET", `/sandbox/callbacks/${pressed.callback_query_id}?wait=10`);
    const answer = reply.answer;
    if (answer && answer.text) {
      if (answer.show_alert) showAlert(answer.text); else showToast(answer.text);
    }
  } catch (error) {
    showError(`Could not press “${button.text}”: ${error.message}`);
  } finally {
    node.classList.remove("pending");
  }
}

// --- sending -------------------------------------------------------------------------------------

async function sendText(text) {
  if (!state.user || !text.trim()) return;
  try {
    await api("POST", `/sandbox/users/${state.user.id}/messages`, { text });
    clearError();
  } catch (error) {
    showError(`Could not send the message: ${error.message}`);
  }
}

async function submitText(event) {
  event.preventDefault();
  const text = $("text").value;
  $("text").value = "";
  await sendText(text);
}

async function upload(kind, input) {
  const file = input.files[0];
  input.value = "";  // choosing the same file again fires change again
  if (!file || !state.user) return;
  const what = kind === "photo" ? "a photo" : "a file";
  if (file.size > state.limits[kind]) {
    showError(`“${file.name}” is ${megabytes(file.size)}: ${what} may be at most ` +
      `${megabytes(state.limits[kind])}. Nothing was sent.`);
    return;
  }
  const form = new FormData();
  form.append(kind, file, file.name);
  const caption = $("text").value.trim();
  if (caption) form.append("caption", caption);
  try {
    await api("POST", `/sandbox/users/${state.user.id}/${kind}s`, form);
    $("text").value = "";
    clearError();
  } catch (error) {
    showError(`Could not send “${file.name}” as ${what}: ${error.message}`);
  }
}

// --- answers to button presses ------------------------------------------------------------------

let toastTimer = null;
function showToast(text) {
  $("toast").textContent = text;
  $("toast").hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { $("toast").hidden = true; }, 4000);
}

function showAlert(text) {
  $("alert-text").textContent = text;
  $("alert").hidden = false;
  $("alert-ok").focus();
}

// --- start -----------------------------------------------------------------------------------------

async function main() {
  for (const select of [$("new-language"), $("chat-language")]) {
    select.replaceChildren(...LANGUAGES.map(([code, name]) => el("option", { value: code },
      `${name} (${code})`)));
  }
  $("new-user").addEventListener("submit", addUser);
  $("chat-language").addEventListener("change", setLanguage);
  $("composer").addEventListener("submit", submitText);
  $("photo-input").addEventListener("change", (e) => upload("photo", e.target));
  $("document-input").addEventListener("change", (e) => upload("document", e.target));
  $("start").addEventListener("click", () => sendText("/start"));
  $("error-close").addEventListener("click", clearError);
  $("alert-ok").addEventListener("click", () => { $("alert").hidden = true; });
  window.addEventListener("hashchange", selectFromHash);
  // Users added in another tab (or by the terminal client) show up here too.
  window.addEventListener("focus", () => loadUsers().catch(() => {}));
  setInterval(() => {
    if (document.visibilityState === "visible") loadUsers().catch(() => {});
  }, USERS_EVERY_MS);
  try {
    const info = await api("GET", "/sandbox/info");
    state.limits = info.limits || state.limits;
    $("bot-title").textContent = `@${info.bot.username}`;
    document.title = `@${info.bot.username} · sandbox`;
    await loadUsers();
  } catch (error) {
    showError(`Cannot reach the sandbox: ${error.message}`);
  }
  selectFromHash();
  document.body.dataset.ready = "1";
}

main();
