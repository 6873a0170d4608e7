// A stand-in for Telegram's telegram-web-app.js, for Mini Apps opened from the sandbox.
// It reads the signed initData from the address's fragment (#tgWebAppData=...) as Telegram's
// script does, and offers the few calls a page makes. showScanQrPopup opens a panel where the
// tester types the QR code's text or chooses a picture of it (read by the sandbox: POST
// /sandbox/qr). Written for the sandbox; it is not Telegram's code.
"use strict";
(function () {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const initData = fragment.get("tgWebAppData") || "";
  const unsafe = {};
  for (const [key, value] of new URLSearchParams(initData)) {
    try { unsafe[key] = key === "user" ? JSON.parse(value) : value; } catch (_) { unsafe[key] = value; }
  }
  const sandbox = new URL(document.currentScript.src).origin;
  const handlers = {};
  let popup = null;
  let onText = null;

  function emit(name, data) { for (const fn of handlers[name] || []) fn(data); }

  function styled(tag, style, text) {
    const node = document.createElement(tag);
    Object.assign(node.style, style);  // CSSOM, which a strict style-src still allows
    if (text) node.textContent = text;
    return node;
  }

  function deliver(text) {
    const close = onText ? onText(text) : false;
    emit("qrTextReceived", { data: text });
    if (close === true) WebApp.closeScanQrPopup();
  }

  async function readPicture(file, status) {
    const form = new FormData();
    form.append("image", file);
    status.textContent = "Reading…";
    try {
      const answer = await (await fetch(`${sandbox}/sandbox/qr`, { method: "POST", body: form })).json();
      if (answer.texts && answer.texts.length) { status.textContent = ""; deliver(answer.texts[0]); }
      else status.textContent = "No QR code found in this picture.";
    } catch (error) { status.textContent = `Could not read it: ${error.message}`; }
  }

  const WebApp = {
    initData, initDataUnsafe: unsafe, version: fragment.get("tgWebAppVersion") || "8.0",
    platform: "sandbox", colorScheme: "light", themeParams: {}, isExpanded: true,
    ready() {}, expand() {}, close() { window.close(); },
    onEvent(name, fn) { (handlers[name] = handlers[name] || []).push(fn); },
    offEvent(name, fn) { handlers[name] = (handlers[name] || []).filter((f) => f !== fn); },
    HapticFeedback: { impactOccurred() {}, notificationOccurred() {}, selectionChanged() {} },
    showAlert(message, callback) { window.alert(message); if (callback) callback(); },
    showScanQrPopup(params, callback) {
      WebApp.closeScanQrPopup();
      onText = callback || null;
      popup = styled("div", { position: "fixed", inset: "0", background: "rgba(0,0,0,.75)",
        display: "flex", alignItems: "center", justifyContent: "center", zIndex: "1000" });
      popup.id = "tg-scan-popup";
      const box = styled("div", { background: "#fff", color: "#000", padding: "16px",
        borderRadius: "12px", width: "min(92vw, 420px)", fontFamily: "sans-serif" });
      box.append(styled("p", { fontWeight: "bold", margin: "0 0 10px" },
        `📷 ${(params && params.text) || "Scan a QR code"} (sandbox scanner)`));
      const text = styled("input", { width: "100%", padding: "8px", marginBottom: "8px" });
      text.id = "tg-scan-text";
      text.placeholder = "Type or paste the QR code's text";
      const send = styled("button", { marginInlineEnd: "8px" }, "Use this text");
      send.id = "tg-scan-send";
      send.type = "button";
      send.addEventListener("click", () => { if (text.value.trim()) deliver(text.value.trim()); });
      const file = styled("input", { display: "block", margin: "10px 0" });
      file.id = "tg-scan-file";
      file.type = "file";
      file.accept = "image/*";
      const status = styled("p", { minHeight: "1em", color: "#a00", margin: "4px 0" });
      file.addEventListener("change", () => { if (file.files[0]) readPicture(file.files[0], status); });
      const cancel = styled("button", {}, "Cancel");
      cancel.id = "tg-scan-cancel";
      cancel.type = "button";
      cancel.addEventListener("click", () => { WebApp.closeScanQrPopup(); emit("scanQrPopupClosed", {}); });
      box.append(text, send, cancel, styled("p", { margin: "12px 0 0" }, "…or choose a picture:"),
        file, status);
      popup.append(box);
      document.body.append(popup);
      text.focus();
    },
    closeScanQrPopup() {
      if (popup) popup.remove();
      popup = null;
      onText = null;
    },
  };
  window.Telegram = { WebApp };
})();
