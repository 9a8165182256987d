// Every aggregate registers its types and fields on the builder; importing them here builds the schema.
import { builder } from "../builder.ts";
import "./enums.ts";
import "./me.ts";
import "./users.ts";
import "./roles.ts";
import "./teams.ts";
import "./queues.ts";
import "./agents.ts";
import "./audit.ts";
import "./cases.ts";
import "./contacts.ts";
import "./work.ts";
import "./configuration.ts";
import "./email.ts";
import "./calls.ts";
import "./recordings.ts";
import "./dispositions.ts";
import "./phone.ts";
import "./phone-calls.ts";
import "./ivr.ts";
import "./audio.ts";
import "./reports.ts";
import "./queue-report.ts";
import "./tags.ts";
import "./jobs.ts";

export const schema = builder.toSchema({ sortSchema: true });
