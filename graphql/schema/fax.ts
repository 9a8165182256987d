// Faxes on cases (domain/fax): what a fax message's call said. The pages are its attachments.
import { builder } from "../builder.ts";
import { DirectionEnum } from "./enums.ts";

const FaxStateEnum = builder.enumType("FaxState", {
  values: {
    RECEIVED: { description: "Every page went through." },
    PARTIAL: { description: "Some pages, then the fax failed (reason); the pages that arrived are attached." },
    FAILED: { description: "No page arrived (reason)." },
  } as const,
});

// Reached only through a Message, which is reached only through a case the viewer may see.
builder.prismaObject("FaxMessage", {
  authScopes: { authenticated: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    direction: t.expose("direction", { type: DirectionEnum }),
    customerNumber: t.exposeString("customerNumber", { description: "The far end's number (caller ID)." }),
    ownNumber: t.exposeString("ownNumber"),
    remoteIdent: t.exposeString("remoteIdent", { description: "The far machine's station ident (TSI/CSI), as it sent it." }),
    pages: t.exposeInt("pages"),
    state: t.expose("state", { type: FaxStateEnum }),
    reason: t.exposeString("reason", { description: "Why it failed: the fax protocol's own words (English)." }),
    bitRate: t.exposeInt("bitRate", { nullable: true }),
    ecm: t.exposeBoolean("ecm", { nullable: true, description: "Error correction: pages arrive exact." }),
    badRows: t.exposeInt("badRows", { description: "Rows that could not be read (only without error correction: streaks)." }),
    seconds: t.exposeInt("seconds"),
  }),
});

builder.prismaObjectField("Message", "fax", (t) => t.relation("fax", { nullable: true }));
