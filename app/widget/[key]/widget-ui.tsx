// Small pieces shared by the widget's views, drawn in the widget's own colour.
import type { ComponentProps } from "react";
import { Button } from "../../_components/button";

export const textareaClass =
  "block w-full resize-none rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-slate-500";

export function AccentButton({ color, ...props }: ComponentProps<typeof Button> & { color: string }) {
  return <Button variant="primary" {...props} style={{ background: color }} />;
}
