#!/usr/bin/env bash
# Makes media/sounds/music-on-hold.opus, the chime loop callers hear on hold: synthesised by ffmpeg
# (no third-party recording, so no licence to track), mono Opus in 20 ms frames as calls carry it.
set -euo pipefail
cd "$(dirname "$0")/.."
ffmpeg -hide_banner -loglevel error -y -f lavfi \
  -i "aevalsrc='0.12*sin(2*PI*t*if(lt(mod(t,4),1),523.25,if(lt(mod(t,4),2),659.25,if(lt(mod(t,4),3),783.99,659.25))))*exp(-2.5*mod(t,1))+0.05*sin(2*PI*t*261.63)':s=48000:d=12" \
  -ac 1 -c:a libopus -b:a 32k -frame_duration 20 -application audio media/sounds/music-on-hold.opus
