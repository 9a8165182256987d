-- QueueInterval summed over the answering agents, for reports without an agent filter.
CREATE TABLE "QueueIntervalTotal" (
    "organizationId" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "queueId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "offered" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL,
    "answeredInSl" INTEGER NOT NULL,
    "abandoned" INTEGER NOT NULL,
    "abandonedInSl" INTEGER NOT NULL,
    "shortAbandoned" INTEGER NOT NULL,
    "transferred" INTEGER NOT NULL,
    "offers" INTEGER NOT NULL,
    "waitSeconds" DOUBLE PRECISION NOT NULL,
    "waitMax" DOUBLE PRECISION NOT NULL,
    "answeredWaitSeconds" DOUBLE PRECISION NOT NULL,
    "talkSeconds" DOUBLE PRECISION NOT NULL,
    "talkMax" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "QueueIntervalTotal_pkey" PRIMARY KEY ("organizationId","bucket","queueId","channel")
);

CREATE INDEX "QueueIntervalTotal_organizationId_queueId_bucket_idx" ON "QueueIntervalTotal"("organizationId", "queueId", "bucket");

-- Filled from the rows already counted.
INSERT INTO "QueueIntervalTotal"
SELECT "organizationId", "bucket", "queueId", "channel", sum("offered")::int, sum("answered")::int, sum("answeredInSl")::int,
  sum("abandoned")::int, sum("abandonedInSl")::int, sum("shortAbandoned")::int, sum("transferred")::int, sum("offers")::int,
  sum("waitSeconds"), max("waitMax"), sum("answeredWaitSeconds"), sum("talkSeconds"), max("talkMax")
FROM "QueueInterval" GROUP BY "organizationId", "bucket", "queueId", "channel";
