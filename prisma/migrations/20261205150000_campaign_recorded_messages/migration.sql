-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "abandonAudioId" UUID,
ADD COLUMN     "machineAudioId" UUID;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_abandonAudioId_fkey" FOREIGN KEY ("abandonAudioId") REFERENCES "AudioFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_machineAudioId_fkey" FOREIGN KEY ("machineAudioId") REFERENCES "AudioFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;
