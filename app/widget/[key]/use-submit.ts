"use client";
// A form's submit: busy while it runs, the failure kept for the form to explain.
import { type FormEvent, useState } from "react";

export function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  async function submit(e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }
  return { busy, failure, submit };
}
