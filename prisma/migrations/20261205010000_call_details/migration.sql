-- Calls in detail for the queue report: number dialled, end reason, place at hang-up and IVR keys
-- on each fact, shortest and longest figures on the interval rows, and rows split by number, reason
-- and key path. Facts counted earlier get them when npm run reports:rebuild counts their period again.

-- CreateEnum
CREATE TYPE "CallEndReason" AS ENUM ('ABANDONED', 'VOICEMAIL', 'OVERFLOW', 'CUSTOMER_HUNG_UP', 'AGENT_HUNG_UP', 'TRANSFERRED', 'TRANSFERRED_OUT', 'SYSTEM');

-- CreateEnum
CREATE TYPE "CallDetailDimension" AS ENUM ('NUMBER', 'END_REASON', 'IVR_PATH');

-- AlterTable
ALTER TABLE "QueueCallFact" ADD COLUMN     "dialled" TEXT,
ADD COLUMN     "endReason" "CallEndReason",
ADD COLUMN     "hangUpPlace" INTEGER,
ADD COLUMN     "ivrPath" TEXT;

-- AlterTable
ALTER TABLE "QueueInterval" ADD COLUMN     "abandonedWaitMax" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "abandonedWaitMin" DOUBLE PRECISION,
ADD COLUMN     "abandonedWaitSeconds" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "answeredWaitMax" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "answeredWaitMin" DOUBLE PRECISION,
ADD COLUMN     "hangUpPlaceMax" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "hangUpPlaceMin" INTEGER,
ADD COLUMN     "hangUpPlaceSum" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "hangUpPlaces" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "talkMin" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "QueueDetailInterval" (
    "organizationId" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "queueId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "agentId" UUID NOT NULL,
    "dimension" "CallDetailDimension" NOT NULL,
    "value" TEXT NOT NULL,
    "offered" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL,
    "answeredInSl" INTEGER NOT NULL,
    "abandoned" INTEGER NOT NULL,
    "shortAbandoned" INTEGER NOT NULL,

    CONSTRAINT "QueueDetailInterval_pkey" PRIMARY KEY ("organizationId","bucket","queueId","channel","agentId","dimension","value")
);

-- CreateIndex
CREATE INDEX "QueueDetailInterval_organizationId_dimension_bucket_idx" ON "QueueDetailInterval"("organizationId", "dimension", "bucket");
