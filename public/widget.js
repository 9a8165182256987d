/*! Centrala chat widget loader. <script src="https://centrala.example/widget.js" data-key="KEY" async></script>
 * Optional: data-lang="pl|en|ru", data-user-id + data-user-hash (HMAC-SHA256 of the id with the
 * widget's secret, to match a known customer), data-user-name, data-user-email (prefill the form).
 * The chat itself runs in an iframe served by Centrala; this file only draws the launcher button,
 * opens the frame and keeps it open across page loads while a conversation goes on. */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector('script[src*="/widget.js"][data-key]');
  if (!script || window.__centralaWidget) return;
  window.__centralaWidget = true;
  var d = script.dataset;
  var key = d.key || "";
  var base = new URL(script.src, location.href).origin;
  var stateKey = "centrala:" + key;
  // The visitor's conversation token, kept here on the site's own storage: browsers often deny
  // storage to a third-party frame, and without it a reload would lose the conversation.
  var visitorKey = "centrala:" + key + ":visitor";
  var frame = null;
  var frameReady = false;
  var open = false;
  var launcher, badge;

  function css(el, rules) {
    for (var k in rules) el.style[k] = rules[k];
    return el;
  }
  // What to restore on the next page: the panel open, a conversation going on (frame loaded hidden).
  var saved = { open: false, active: false };
  try {
    saved = JSON.parse(localStorage.getItem(stateKey)) || saved;
  } catch {
    /* storage blocked or spoiled: start closed */
  }
  function save(change) {
    for (var k in change) saved[k] = change[k];
    try {
      localStorage.setItem(stateKey, JSON.stringify(saved));
    } catch {
      /* the chat still works, it just will not come back by itself on the next page */
    }
  }

  function place(cfg) {
    var small = window.innerWidth < 520;
    var side = cfg.position === "left" ? "left" : "right";
    css(
      frame,
      small
        ? { top: "0", bottom: "0", left: "0", right: "0", width: "100%", height: "100%", borderRadius: "0" }
        : { top: "auto", bottom: "92px", width: "380px", height: "min(620px, calc(100vh - 112px))", borderRadius: "14px" },
    );
    if (!small) {
      frame.style[side] = "20px";
      frame.style[side === "left" ? "right" : "left"] = "auto";
    }
  }

  function show(cfg, visible) {
    open = visible;
    if (!frame && visible) {
      var hash = new URLSearchParams();
      hash.set("lang", d.lang || document.documentElement.lang || navigator.language || "");
      hash.set("origin", location.origin);
      if (d.userId && d.userHash) {
        hash.set("uid", d.userId);
        hash.set("uh", d.userHash);
      }
      if (d.userName) hash.set("name", d.userName);
      if (d.userEmail) hash.set("email", d.userEmail);
      frame = document.createElement("iframe");
      frame.src = base + "/widget/" + encodeURIComponent(key) + "#" + hash.toString();
      frame.title = cfg.name || "Chat";
      frame.allow = "clipboard-write";
      frame.setAttribute("data-centrala", "frame");
      css(frame, { position: "fixed", zIndex: "2147483646", border: "0", background: "#fff", boxShadow: "0 12px 40px rgba(15,23,42,.28)" });
      document.body.appendChild(frame);
      window.addEventListener("resize", function () {
        place(cfg);
      });
    }
    if (frame) {
      place(cfg);
      frame.style.display = visible ? "block" : "none";
      if (frameReady) frame.contentWindow.postMessage({ centrala: visible ? "shown" : "hidden" }, base);
    }
    launcher.setAttribute("aria-expanded", String(visible));
    if (visible) css(badge, { display: "none" });
    save({ open: visible });
  }

  function start(cfg) {
    var side = cfg.position === "left" ? "left" : "right";
    launcher = document.createElement("button");
    launcher.type = "button";
    launcher.setAttribute("aria-label", cfg.name || "Chat");
    launcher.setAttribute("data-centrala", "launcher");
    launcher.innerHTML =
      '<svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
    css(launcher, {
      position: "fixed",
      bottom: "20px",
      width: "60px",
      height: "60px",
      borderRadius: "50%",
      border: "0",
      cursor: "pointer",
      background: cfg.color,
      boxShadow: "0 6px 20px rgba(15,23,42,.3)",
      zIndex: "2147483647",
      display: "flex",
      alignItems: "center",
      justifyContent: "center",
    });
    launcher.style[side] = "20px";
    badge = css(document.createElement("span"), {
      position: "absolute",
      top: "-4px",
      right: "-4px",
      minWidth: "20px",
      height: "20px",
      borderRadius: "10px",
      background: "#dc2626",
      color: "#fff",
      font: "600 12px/20px system-ui, sans-serif",
      display: "none",
      padding: "0 5px",
      boxSizing: "border-box",
    });
    badge.setAttribute("data-centrala", "unread");
    launcher.appendChild(badge);
    launcher.addEventListener("click", function () {
      show(cfg, !open);
    });
    document.body.appendChild(launcher);

    window.addEventListener("message", function (e) {
      if (!frame || e.source !== frame.contentWindow || e.origin !== base || !e.data) return;
      var m = e.data;
      if (m.centrala === "ready") {
        frameReady = true;
        var visitor = null;
        try {
          visitor = JSON.parse(localStorage.getItem(visitorKey));
        } catch {
          /* none kept */
        }
        frame.contentWindow.postMessage({ centrala: "restore", value: visitor }, base);
        frame.contentWindow.postMessage({ centrala: open ? "shown" : "hidden" }, base);
      }
      if (m.centrala === "store") {
        try {
          localStorage.setItem(visitorKey, JSON.stringify(m.value));
        } catch {
          /* storage blocked: the conversation lasts as long as this page */
        }
      }
      if (m.centrala === "minimize") show(cfg, false);
      if (m.centrala === "conversation") save({ active: !!m.active });
      if (m.centrala === "unread" && !open) {
        badge.textContent = m.count > 9 ? "9+" : String(m.count);
        css(badge, { display: m.count > 0 ? "block" : "none" });
      }
    });
    // A conversation going on (or the chat left open) on an earlier page: bring it back.
    if (saved.open) show(cfg, true);
    else if (saved.active) {
      show(cfg, true);
      show(cfg, false);
    }
  }

  function load() {
    fetch(base + "/api/widget/" + encodeURIComponent(key) + "/config", { credentials: "omit" })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(start)
      .catch(function (err) {
        console.warn("Centrala chat: the widget '" + key + "' is not available on this site (" + err.message + ")");
      });
  }
  if (document.body) load();
  else document.addEventListener("DOMContentLoaded", load);
})();
