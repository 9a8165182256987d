-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "ivr" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "EntryPoint" ADD COLUMN     "ivrFlowId" UUID;

-- CreateTable
CREATE TABLE "IvrFlow" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "draft" JSONB NOT NULL,
    "publishedVersion" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IvrFlow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IvrFlowVersion" (
    "id" UUID NOT NULL,
    "flowId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" UUID,

    CONSTRAINT "IvrFlowVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IvrFlow_organizationId_name_key" ON "IvrFlow"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "IvrFlowVersion_flowId_version_key" ON "IvrFlowVersion"("flowId", "version");

-- AddForeignKey
ALTER TABLE "EntryPoint" ADD CONSTRAINT "EntryPoint_ivrFlowId_fkey" FOREIGN KEY ("ivrFlowId") REFERENCES "IvrFlow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IvrFlow" ADD CONSTRAINT "IvrFlow_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IvrFlowVersion" ADD CONSTRAINT "IvrFlowVersion_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "IvrFlow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
