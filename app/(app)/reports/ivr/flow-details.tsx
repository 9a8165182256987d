"use client";
// One flow in the IVR report: where callers who hung up were and what they had last chosen (a row
// per step and choice, with a bar for its share), and the keys each menu heard.
import { useFormatter, useTranslations } from "next-intl";
import { BarChart } from "../../../_components/charts.tsx";
import { Card } from "../../../_components/page.tsx";
import { Table, Td } from "../../../_components/table.tsx";
import type { FlowReport } from "./ivr-report-query.ts";

type Step = { node: string | null; nodeType: string | null; label: string | null };

export function FlowDetails({ flow, showHeading }: { flow: FlowReport; showHeading: boolean }) {
  const t = useTranslations("reports.ivr");
  const format = useFormatter();
  const abandoned = flow.summary.outcomes.abandoned;
  const name = flow.name ?? t("deletedFlow");
  return (
    <section className="mb-8" aria-label={name} data-testid={`flow-${flow.name ?? flow.flowId}`}>
      {showHeading && (
        <h2 className="mb-3 text-lg font-semibold text-slate-900">
          {name} <span className="text-sm font-normal text-slate-500">· {t("flowFacts", { calls: flow.summary.calls, abandoned })}</span>
        </h2>
      )}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("gaveUpTitle")}</h3>
          {flow.abandonments.length === 0 ? (
            <Card>
              <p className="text-sm text-slate-500">{t("gaveUpNone")}</p>
            </Card>
          ) : (
            <Table label={t("gaveUpTitle")} head={[t("step"), t("lastChoice"), t("callers"), t("share")]}>
              {flow.abandonments.map((a, i) => {
                const part = abandoned ? a.count / abandoned : 0;
                return (
                  <tr key={i} data-testid="gave-up-row">
                    <Td>
                      <StepName step={a} />
                    </Td>
                    <Td>
                      {a.lastChoice ? (
                        t("choseIn", { key: a.lastChoice.key, menu: a.lastChoice.label ?? a.lastChoice.node })
                      ) : (
                        <span className="text-slate-500">{t("noChoice")}</span>
                      )}
                    </Td>
                    <Td className="font-medium tabular-nums">{a.count}</Td>
                    <Td className="w-48">
                      <div className="flex items-center gap-2">
                        <span className="h-2.5 flex-1 rounded-full bg-slate-100">
                          <span className="block h-2.5 rounded-full bg-rose-500" style={{ width: `${part * 100}%` }} />
                        </span>
                        <span className="w-10 text-right tabular-nums text-slate-700">{format.number(part, { style: "percent", maximumFractionDigits: 0 })}</span>
                      </div>
                    </Td>
                  </tr>
                );
              })}
            </Table>
          )}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("keysTitle")}</h3>
          <div className="space-y-4">
            {flow.menus.length === 0 && (
              <Card>
                <p className="text-sm text-slate-500">{t("noMenus")}</p>
              </Card>
            )}
            {flow.menus.map((m) => (
              <Card key={m.node} title={<StepName step={m} />}>
                {m.nodeType === "collect" ? (
                  <p className="text-sm text-slate-500">{t("collectHint")}</p>
                ) : m.choices.length ? (
                  <BarChart
                    label={t("keysOf", { step: m.label ?? m.node })}
                    data={m.choices.map((c) => ({
                      key: `${m.node}-${c.key}`,
                      label: c.target ? t("keyTo", { key: c.key, target: c.target }) : c.key,
                      value: c.count,
                      color: "#4f46e5",
                    }))}
                  />
                ) : (
                  <p className="text-sm text-slate-500">{t("noKeys")}</p>
                )}
                <p className="mt-3 text-xs text-slate-500">{t("menuFacts", { callers: m.callers, invalid: m.invalid, timeouts: m.timeouts, gaveUp: m.gaveUp })}</p>
              </Card>
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}

/** A step as people know it (its prompt), with its id and kind for those who built the flow. */
function StepName({ step }: { step: Step }) {
  const t = useTranslations("reports.ivr");
  if (!step.node) return <span className="text-slate-500">{t("beforeFirstStep")}</span>;
  const kind = step.nodeType && t.has(`nodeType.${step.nodeType}`) ? t(`nodeType.${step.nodeType}`) : step.nodeType;
  return (
    <span className="block min-w-0">
      <span className="block truncate text-slate-900">{step.label ? t("quoted", { text: step.label }) : kind}</span>
      <span className="block text-xs font-normal text-slate-500">
        <code>{step.node}</code>
        {step.label && kind ? ` · ${kind}` : ""}
      </span>
    </span>
  );
}
