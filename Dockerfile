# syntax=docker/dockerfile:1
# Build stage: compile TypeScript with the full dev toolchain.
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: Node 22, git for cloning and pushing, no build tools, a non-root user.
FROM node:22-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY crds ./crds
ENV NODE_ENV=production HOME=/tmp
USER 65532:65532
ENTRYPOINT ["node", "/app/dist/cli.js"]
CMD ["run"]
