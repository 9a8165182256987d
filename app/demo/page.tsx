import type { Metadata } from "next";
import Script from "next/script";

export const metadata: Metadata = { title: "Demo shop" };

/**
 * A pretend customer website with the demo organisation's chat widget, for trying Centrala as a
 * visitor (sign in as an agent in another browser and set yourself Ready).
 */
export default function DemoShop() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16 text-slate-800">
      <p className="text-sm font-semibold tracking-widest text-emerald-700 uppercase">Demo</p>
      <h1 className="mt-2 text-4xl font-bold text-slate-900">Kowalski Garden Supplies</h1>
      <p className="mt-4 text-lg">
        A pretend shop that embeds Centrala&apos;s chat widget with one script tag. Open the chat in the corner, and answer it as <code>agent1</code>,{" "}
        <code>agent2</code> or <code>agent3</code> (password <code>centrala</code>) in another browser after setting them Ready.
      </p>
      <pre className="mt-8 overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-slate-100">{`<script src="/widget.js" data-key="demo-website-chat" async></script>`}</pre>
      <Script src="/widget.js" data-key="demo-website-chat" strategy="afterInteractive" />
    </main>
  );
}
