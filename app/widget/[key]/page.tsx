// The chat widget's iframe (public/widget.js embeds it on the customer's site; the server sends a
// frame-ancestors policy naming the sites allowed to). Only the widget's own words go to the
// browser, in all three languages: which one to speak is decided there (site, browser, widget).
import type { Metadata } from "next";
import en from "../../../messages/en.json";
import pl from "../../../messages/pl.json";
import ru from "../../../messages/ru.json";
import { WidgetApp } from "./widget-app.tsx";

export const metadata: Metadata = { title: "Chat", robots: { index: false } };

export default async function WidgetPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return <WidgetApp widgetKey={key} messages={{ en: en.visitorWidget, pl: pl.visitorWidget, ru: ru.visitorWidget }} />;
}
