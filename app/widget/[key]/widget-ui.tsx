// Small pieces shared by the widget's views, drawn in the widget's own colour.
import type { ComponentProps, ReactNode } from "react";
import { Button } from "../../_components/button";

export const textareaClass =
  "block w-full resize-none rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-slate-500";

/** The coloured bar atop the widget: its title, what is happening (or the greeting), and buttons. */
export function WidgetHeader({ color, title, subtitle, children }: { color: string; title: string; subtitle: string; children?: ReactNode }) {
  return (
    <header className="flex items-start gap-2 px-4 py-3 text-white" style={{ background: color }}>
      <div className="min-w-0 flex-1">
        <h1 className="truncate font-semibold">{title}</h1>
        <p className="text-sm opacity-90" data-testid="widget-status">
          {subtitle}
        </p>
      </div>
      {children}
    </header>
  );
}

export function AccentButton({ color, ...props }: ComponentProps<typeof Button> & { color: string }) {
  return <Button variant="primary" {...props} style={{ background: color }} />;
}
