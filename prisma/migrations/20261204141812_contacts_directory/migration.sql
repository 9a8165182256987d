-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "lastContactAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Contact_organizationId_lastContactAt_id_idx" ON "Contact"("organizationId", "lastContactAt" DESC, "id" DESC);

-- The directory's search text and order are kept by the database itself, whichever code path
-- writes a contact or a case. Function bodies are E-strings with \073 for each semicolon: the
-- PostgreSQL driver runs migrations statement by statement, splitting the script on semicolons.
CREATE OR REPLACE FUNCTION "contact_search_text"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN NEW."searchText" := lower(concat_ws(\' \', NEW."firstName", NEW."lastName", NEW."company"))\073 RETURN NEW\073 END';

CREATE TRIGGER "Contact_search_text" BEFORE INSERT OR UPDATE OF "firstName", "lastName", "company" ON "Contact" FOR EACH ROW EXECUTE FUNCTION "contact_search_text"();

UPDATE "Contact" SET "searchText" = lower(concat_ws(' ', "firstName", "lastName", "company"));

-- Last contact: the latest activity in any of the contact's cases, unless the case's visitor only
-- claimed to be them (contactVerified false).
CREATE OR REPLACE FUNCTION "contact_last_contact"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN UPDATE "Contact" SET "lastContactAt" = NEW."lastActivityAt" WHERE "id" = NEW."contactId" AND "lastContactAt" < NEW."lastActivityAt"\073 RETURN NULL\073 END';

CREATE TRIGGER "Case_last_contact" AFTER INSERT OR UPDATE OF "lastActivityAt", "contactId", "contactVerified" ON "Case" FOR EACH ROW WHEN (NEW."contactId" IS NOT NULL AND NEW."contactVerified") EXECUTE FUNCTION "contact_last_contact"();

UPDATE "Contact" c SET "lastContactAt" = greatest(c."createdAt", k."last") FROM (SELECT "contactId", max("lastActivityAt") AS "last" FROM "Case" WHERE "contactVerified" GROUP BY "contactId") k WHERE k."contactId" = c."id";

-- Substring search by trigrams (pg_trgm, a trusted extension in PostgreSQL and loaded by the
-- embedded database). Where a server lacks it the search still works, by scanning. These indexes
-- are not in schema.prisma (it cannot express them), and the scratch database that writes new
-- migrations does not load pg_trgm, so later migrations never see or drop them.
DO E'BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm\073 CREATE INDEX IF NOT EXISTS "Contact_searchText_trgm_idx" ON "Contact" USING gin ("searchText" gin_trgm_ops)\073 CREATE INDEX IF NOT EXISTS "ContactIdentity_value_trgm_idx" ON "ContactIdentity" USING gin ("value" gin_trgm_ops)\073 EXCEPTION WHEN OTHERS THEN RAISE NOTICE \'pg_trgm is not available (%): contacts are searched without a trigram index\', SQLERRM\073 END';
