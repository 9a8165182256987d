// What a call script (CATI) is: its questions, the conditions that show them, and what happens on
// leaving each. The shapes are zod schemas, so an admin's draft, a stored version and an agent's
// answers are all parsed the same way; `validate.ts` checks what a schema cannot (references).
import { z } from "zod";

export const QUESTION_TYPES = ["choice", "multi", "text", "number", "date", "scale"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const CONDITION_OPS = ["eq", "neq", "in", "gt", "lt", "answered"] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

const id = z
  .string()
  .trim()
  .regex(/^[A-Za-z][\w-]{0,39}$/, "letters, digits, - or _, starting with a letter");
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][\w.-]{0,39}$/, "letters, digits, . - or _");

/** One test on an earlier answer. `value` is a string for eq/neq (an option, or a number or date
 * written as text), a list for `in`, a number or date text for gt/lt, nothing for `answered`. */
export const testSchema = z.object({
  question: id,
  op: z.enum(CONDITION_OPS),
  value: z.union([z.string().max(200), z.number(), z.array(z.string().max(200)).max(50)]).optional(),
});
export type ConditionTest = z.infer<typeof testSchema>;

/** A condition: one test, or all / any of others (nested at most a few levels, no code). */
export type Condition = ConditionTest | { all: Condition[] } | { any: Condition[] };
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    testSchema.strict(),
    z.object({ all: z.array(conditionSchema).min(1).max(20) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1).max(20) }).strict(),
  ]),
);

/** What happens on leaving a question; `when` limits it to some answers. The first jump, end,
 * call-back or transfer whose `when` holds decides where the script goes; result codes add up
 * (the last one set wins). */
export const actionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("jump"), to: id, when: conditionSchema.optional() }),
  z.object({ kind: z.literal("end"), when: conditionSchema.optional() }),
  z.object({ kind: z.literal("result"), code, when: conditionSchema.optional() }),
  /** Ends the script asking for a call-back: at the time given in an earlier date question, or
   * (without `atQuestion`) at a time the agent picks when closing. */
  z.object({ kind: z.literal("callback"), atQuestion: id.optional(), when: conditionSchema.optional() }),
  /** Ends the script handing the call on: to a queue (by id) or an outside number. */
  z.object({
    kind: z.literal("transfer"),
    target: z.union([
      z.object({ queueId: z.uuid() }).strict(),
      z
        .object({
          number: z
            .string()
            .trim()
            .regex(/^\+?[0-9]{3,20}$/, "a phone number"),
        })
        .strict(),
    ]),
    when: conditionSchema.optional(),
  }),
]);
export type ScriptAction = z.infer<typeof actionSchema>;

export const optionSchema = z.object({ value: code, label: z.string().trim().min(1).max(200) });

export const questionSchema = z.object({
  id,
  type: z.enum(QUESTION_TYPES),
  /** What the agent reads out; `{name}` puts in a field of the contact (see domain/shared/placeholders.ts). */
  text: z.string().trim().min(1, "required").max(2000),
  /** Notes for the agent only (not read out). */
  hint: z.string().trim().max(1000).default(""),
  options: z.array(optionSchema).max(50).default([]),
  required: z.boolean().default(false),
  /** Number: bounds (optional); scale: its ends (both needed, at most 100 apart). */
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** Date: a time of day as well (for call-backs). */
  withTime: z.boolean().default(false),
  /** Shown only when this holds over earlier answers; skipped otherwise. */
  showIf: conditionSchema.optional(),
  onLeave: z.array(actionSchema).max(20).default([]),
});
export type Question = z.infer<typeof questionSchema>;

export const resultCodeSchema = z.object({
  code,
  label: z.string().trim().min(1).max(100),
  /** The disposition (result code with a kind) an interaction closed with this code is given,
   * unless its agent chose one: so a campaign's attempt follows the script's result. */
  dispositionId: z.uuid().optional(),
});

export const definitionSchema = z.object({
  questions: z.array(questionSchema).max(200),
  /** The codes an attempt may be closed with (actions set them, or the agent picks one). */
  resultCodes: z.array(resultCodeSchema).max(50).default([]),
});
export type ScriptDefinition = z.infer<typeof definitionSchema>;
export type ScriptDefinitionInput = z.input<typeof definitionSchema>;

/** An answer: an option (choice), options (multi), text, a number (number, scale), a date as
 * YYYY-MM-DD or YYYY-MM-DDTHH:mm in the contact's wall clock; null for a skipped optional one. */
export const answerValueSchema = z.union([z.string().max(4000), z.number().finite(), z.array(z.string().max(200)).max(50), z.null()]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

export const stepSchema = z.object({ questionId: id, value: answerValueSchema });
export type ScriptStep = z.infer<typeof stepSchema>;
export const stepsSchema = z.array(stepSchema).max(200);
