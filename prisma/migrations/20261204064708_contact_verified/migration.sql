-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "contactVerified" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Visitor" ADD COLUMN     "contactVerified" BOOLEAN NOT NULL DEFAULT true;

-- Web visitors matched before this by the e-mail or phone they typed were never verified either.
UPDATE "Case" SET "contactVerified" = false
WHERE EXISTS (
  SELECT 1 FROM "Interaction" i
  WHERE i."caseId" = "Case"."id" AND i."visitorId" IS NOT NULL AND i."data"->>'matchedBy' IN ('EMAIL', 'PHONE')
);
UPDATE "Visitor" SET "contactVerified" = false WHERE "contactId" IS NOT NULL AND "externalId" IS NULL;
