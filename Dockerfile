# RecDesk as a container: `docker build -t recdesk .` then see README, Deploy.
# Stages: deps (npm install) → build (next build, output "standalone") → runtime (server.js only, non-root).
# A `tools` stage keeps the full source and node_modules for the command-line tools (user:add, db:backup,
# audit:verify) and the Live API simulator of compose.yaml's demo profile.
ARG NODE_IMAGE=node:20.19-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: see README, Stack notes (lockfiles made on Linux lack other platforms' binaries).
RUN npm install --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx next build

FROM build AS tools
# flock(1) from util-linux guards a PGlite directory (lib/db/os-file-lock.ts); it is part of Debian's base.
RUN mkdir -p /data && chown node:node /data
USER node
ENV NODE_ENV=production RECDESK_DATA_DIR=/data
CMD ["npm", "run", "simulator", "--", "--host", "0.0.0.0", "--port", "4600"]

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# RecDesk's own SIGTERM handling (graceful shutdown), not Next's immediate exit.
ENV NEXT_MANUAL_SIG_HANDLE=true
# PGlite's data when DATABASE_URL is not set; mount a volume here.
ENV RECDESK_DATA_DIR=/data
# server.js and the node_modules it needs, then what the standalone output leaves out: static assets, public/,
# the migrations applied at start-up and the catalogs read at run time (lib/i18n/catalog.ts). Owned by root and
# read-only for the app user.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/messages ./messages
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Liveness only (no dependency): /api/health/ready is for the load balancer. Node's fetch, no curl in the image.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
