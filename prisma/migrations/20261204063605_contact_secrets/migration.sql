-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "secrets" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "secretContactFields" TEXT[] DEFAULT ARRAY['pin']::TEXT[];

-- PINs leave the readable fields. SQL cannot hash them with the server's key (it is not in the
-- database), so they wait as { unhashed } and are hashed at the next start
-- (domain/contacts/hash-pending-secrets.ts), and meanwhile no query returns them.
UPDATE "Contact"
SET "secrets" = CASE
      WHEN jsonb_typeof("fields"->'pin') IN ('string', 'number') AND btrim("fields"->>'pin') <> ''
        THEN jsonb_build_object('pin', jsonb_build_object('unhashed', "fields"->>'pin'))
      ELSE '{}'::jsonb
    END,
    "fields" = "fields" - 'pin'
WHERE jsonb_typeof("fields") = 'object' AND "fields"->'pin' IS NOT NULL;
