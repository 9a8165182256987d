-- CreateEnum
CREATE TYPE "ScriptVersionStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- AlterTable
ALTER TABLE "Queue" ADD COLUMN     "callScriptId" UUID;

-- CreateTable
CREATE TABLE "CallScript" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CallScript_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallScriptVersion" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "scriptId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "ScriptVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "definition" JSONB NOT NULL,
    "publishedAt" TIMESTAMPTZ(3),
    "publishedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CallScriptVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScriptAnswers" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "interactionId" UUID NOT NULL,
    "scriptVersionId" UUID NOT NULL,
    "agentId" UUID,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "requests" JSONB NOT NULL DEFAULT '[]',
    "resultCode" TEXT,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ScriptAnswers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CallScript_organizationId_name_key" ON "CallScript"("organizationId", "name");

-- CreateIndex
CREATE INDEX "CallScriptVersion_organizationId_idx" ON "CallScriptVersion"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "CallScriptVersion_scriptId_number_key" ON "CallScriptVersion"("scriptId", "number");

-- CreateIndex
CREATE INDEX "ScriptAnswers_organizationId_completedAt_idx" ON "ScriptAnswers"("organizationId", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ScriptAnswers_interactionId_scriptVersionId_key" ON "ScriptAnswers"("interactionId", "scriptVersionId");

-- AddForeignKey
ALTER TABLE "Queue" ADD CONSTRAINT "Queue_callScriptId_fkey" FOREIGN KEY ("callScriptId") REFERENCES "CallScript"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallScript" ADD CONSTRAINT "CallScript_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallScriptVersion" ADD CONSTRAINT "CallScriptVersion_scriptId_fkey" FOREIGN KEY ("scriptId") REFERENCES "CallScript"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScriptAnswers" ADD CONSTRAINT "ScriptAnswers_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScriptAnswers" ADD CONSTRAINT "ScriptAnswers_scriptVersionId_fkey" FOREIGN KEY ("scriptVersionId") REFERENCES "CallScriptVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Editing call scripts: administrators and managers.
UPDATE "Role" SET "permissions" = array_append("permissions", 'scripts.manage')
  WHERE "key" IN ('ADMIN', 'MANAGER') AND NOT ('scripts.manage' = ANY("permissions"));
