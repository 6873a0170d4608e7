// How the sandbox page draws messages, their files and keyboards (loaded before app.js).
// Text only ever enters the page as text nodes and attribute values, never as HTML.
"use strict";

// Build an element; attrs go through setAttribute / properties, children as text nodes.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "className") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function megabytes(bytes) { return `${(bytes / 1024 / 1024).toFixed(1)} MB`; }

function fileUrl(fileId, saveAs) {
  const path = `/sandbox/files/${encodeURIComponent(fileId)}`;
  return saveAs ? `${path}?download=${encodeURIComponent(saveAs)}` : path;
}

function renderMessage(entry) {
  const m = entry.message;
  const time = new Date(m.date * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return el("div", { className: entry.from_bot ? "message bot" : "message mine",
    "data-message-id": m.message_id },
  el("div", { className: "bubble" },
    m.photo ? renderPhoto(m) : null,
    m.document ? renderDocument(m.document) : null,
    (m.text || m.caption) ? el("div", { className: "text", dir: "auto" }, m.text || m.caption) : null,
    el("div", { className: "meta" }, entry.edited ? "edited " : "", time)),
  renderInline(m));
}

function renderPhoto(m) {
  const sizes = m.photo;
  const largest = sizes[sizes.length - 1];
  const shown = sizes.find((s) => s.width >= 320) || largest;
  return el("div", { className: "photo" },
    el("a", { href: fileUrl(largest.file_id), target: "_blank", rel: "noopener" },
      el("img", { src: fileUrl(shown.file_id), alt: "photo", width: shown.width,
        height: shown.height })),
    // The server names the file with the extension its bytes call for (a QR is a PNG).
    el("a", { className: "download", href: fileUrl(largest.file_id, `photo-${m.message_id}`),
      download: "" }, "⬇ Download"));
}

function renderDocument(doc) {
  const name = doc.file_name || "file";
  const preview = /^image\//.test(doc.mime_type || "")
    ? el("img", { src: fileUrl(doc.file_id), alt: name, className: "preview" }) : null;
  return el("div", { className: "document" }, preview,
    el("div", { className: "file" }, el("span", { className: "icon", "aria-hidden": "true" }, "📄"),
      el("span", { dir: "auto" }, name), el("span", { className: "hint" }, megabytes(doc.file_size || 0))),
    el("a", { href: fileUrl(doc.file_id), target: "_blank", rel: "noopener" }, "Open"), " · ",
    el("a", { className: "download", href: fileUrl(doc.file_id, name), download: name },
      "⬇ Download"));
}

function renderInline(m) {
  const rows = (m.reply_markup && m.reply_markup.inline_keyboard) || [];
  if (!rows.length) return null;
  return el("div", { className: "inline-keyboard" }, ...rows.map((row) => el("div", { className: "row" },
    ...row.map((button) => {
      if (button.url && /^https?:\/\//.test(button.url)) {
        return el("a", { className: "button", href: button.url, target: "_blank", rel: "noopener" },
          `${button.text} ↗`);
      }
      if (button.web_app) {
        return el("button", { type: "button", className: "button web-app",
          onclick: () => openWebApp(button.web_app.url) }, `${button.text} ▣`);
      }
      if (!button.callback_data) return el("span", { className: "button disabled" }, button.text);
      return el("button", { type: "button", className: "button",
        onclick: (event) => press(m.message_id, button, event.currentTarget) }, button.text);
    }))));
}

// The reply keyboard is the one the bot sent last (deleted messages included), until removed.
function renderKeyboard() {
  let markup = null;
  const ids = [...state.messages.keys()].sort((a, b) => a - b);
  for (const id of ids) {
    const entry = state.messages.get(id);
    const sent = entry.from_bot && entry.reply_markup;
    if (sent && (sent.keyboard || sent.remove_keyboard)) markup = sent.keyboard ? sent : null;
  }
  const rows = markup ? markup.keyboard : [];
  $("reply-keyboard").replaceChildren(...rows.map((row) => el("div", { className: "row" },
    ...row.map((key) => {
      const text = typeof key === "string" ? key : key.text;
      if (key.web_app) {  // a Mini App key opens the app (only these may send data back)
        return el("button", { type: "button", className: "key web-app", dir: "auto",
          onclick: () => openWebApp(key.web_app.url) }, text);
      }
      return el("button", { type: "button", className: "key", dir: "auto",
        onclick: () => sendText(text) }, text);
    }))));
  $("start").hidden = !state.user || state.messages.size > 0;
}

