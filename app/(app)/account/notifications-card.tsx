"use client";
// The agent's own switch for desktop notifications of offered work, and what the browser allows.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../_components/button.tsx";
import { Card } from "../../_components/page.tsx";
import { graphql } from "../../_client/graphql.ts";
import { useMe } from "../../_client/me.tsx";

const SetNotifications = graphql(`
  mutation SetMyDesktopNotifications($on: Boolean!) {
    setMyDesktopNotifications(on: $on) {
      id
      desktopNotifications
    }
  }
`);

type Permission = NotificationPermission | "unsupported";

export function NotificationsCard() {
  const t = useTranslations("account.notifications");
  const me = useMe();
  const [, save] = useMutation(SetNotifications);
  const [permission, setPermission] = useState<Permission>("default");
  useEffect(() => setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission), []);
  const [on, setOn] = useState(me.user.desktopNotifications);
  return (
    <Card title={t("title")} className="mt-6 max-w-lg">
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          data-testid="desktop-notifications"
          checked={on}
          onChange={async (e) => {
            const next = e.currentTarget.checked;
            setOn(next);
            if ((await save({ on: next })).error) setOn(!next);
          }}
          className="size-4 rounded border-slate-300"
        />
        {t("label")}
      </label>
      <p className="mt-2 text-sm text-slate-600" data-testid="notification-permission">
        {t(`browser.${permission}`)}
      </p>
      {on && permission === "default" && (
        <Button className="mt-3" onClick={async () => setPermission(await Notification.requestPermission())}>
          {t("allow")}
        </Button>
      )}
    </Card>
  );
}
