#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded offline.
# generate/validate/format never need it; anything that does fails loudly instead of silently.
echo "schema-engine binary unavailable: use npm run db:migrate:* (WASM engine)" >&2
exit 1
