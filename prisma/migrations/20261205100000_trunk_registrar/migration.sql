-- CreateTable
CREATE TABLE "TrunkRegistrar" (
    "trunkId" UUID NOT NULL,
    "nodeId" TEXT NOT NULL,
    "leaseUntil" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TrunkRegistrar_pkey" PRIMARY KEY ("trunkId")
);

-- AddForeignKey
ALTER TABLE "TrunkRegistrar" ADD CONSTRAINT "TrunkRegistrar_trunkId_fkey" FOREIGN KEY ("trunkId") REFERENCES "SipTrunk"("id") ON DELETE CASCADE ON UPDATE CASCADE;
