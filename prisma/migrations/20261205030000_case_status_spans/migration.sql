-- The cases report's reporting model: each stretch a case spent in one status.
CREATE TABLE "CaseStatusSpan" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "statusId" UUID NOT NULL,
    "fromAt" TIMESTAMPTZ(3) NOT NULL,
    "toAt" TIMESTAMPTZ(3),
    CONSTRAINT "CaseStatusSpan_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CaseStatusSpan_organizationId_fromAt_idx" ON "CaseStatusSpan"("organizationId", "fromAt");
CREATE INDEX "CaseStatusSpan_organizationId_toAt_idx" ON "CaseStatusSpan"("organizationId", "toAt");
CREATE INDEX "CaseStatusSpan_caseId_idx" ON "CaseStatusSpan"("caseId");
ALTER TABLE "CaseStatusSpan" ADD CONSTRAINT "CaseStatusSpan_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CaseStatusSpan" ADD CONSTRAINT "CaseStatusSpan_statusId_fkey" FOREIGN KEY ("statusId") REFERENCES "CaseStatus"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- Cases so far have no recorded history: each is taken to have held its present status since it was created.
INSERT INTO "CaseStatusSpan" ("id", "organizationId", "caseId", "statusId", "fromAt", "toAt")
SELECT gen_random_uuid(), c."organizationId", c."id", c."statusId", c."createdAt", NULL FROM "Case" c;
