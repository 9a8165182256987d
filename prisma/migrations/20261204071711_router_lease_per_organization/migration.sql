-- Leases last seconds and name queues, not organisations: drop them, the next pass takes new ones.
DELETE FROM "RouterLease";

-- AlterTable
ALTER TABLE "RouterLease" DROP CONSTRAINT "RouterLease_pkey",
DROP COLUMN "queueId",
ADD COLUMN     "organizationId" UUID NOT NULL,
ADD CONSTRAINT "RouterLease_pkey" PRIMARY KEY ("organizationId");
