-- CreateTable
CREATE TABLE "FaxDocument" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "pages" INTEGER NOT NULL,
    "originalName" TEXT NOT NULL,
    "originalBytes" INTEGER NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FaxDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FaxDocument_organizationId_name_key" ON "FaxDocument"("organizationId", "name");

-- AddForeignKey
ALTER TABLE "FaxDocument" ADD CONSTRAINT "FaxDocument_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
