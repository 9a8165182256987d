"use client";
// Desktop (browser) notifications of offered work: asked for once, off when the user says so.

/** A browser notification for an offer, where allowed; clicking it brings the tab forward. */
export function desktopNotification(title: string, body: string, tag: string) {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  try {
    const n = new Notification(title, { body, tag, lang: document.documentElement.lang });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    // some browsers allow notifications only from a service worker: the card is still there
  }
}

/** Asks the browser for notification permission once per user and browser, after a click. */
export function askForNotificationsOnce(userId: string) {
  if (typeof Notification === "undefined" || Notification.permission !== "default") return;
  const key = `centrala.notifications-asked.${userId}`;
  if (localStorage.getItem(key)) return;
  localStorage.setItem(key, "1");
  void Notification.requestPermission();
}
