# option rules=PackageCache
FROM node:20-slim AS build
WORKDIR /app
RUN npm ci
RUN yarn install --frozen-lockfile

FROM node:20-slim AS base
# want PackageCache warning: npm install without `npm cache clean --force` after it keeps the npm cache \(~/.npm\) in a layer of the shipped image
RUN npm install -g nodemon

FROM base
COPY --from=build /app /app
# want PackageCache warning: npm ci without `npm cache clean --force`
RUN npm ci --omit=dev
RUN npm ci --omit=dev && npm cache clean --force
RUN npm ci && rm -rf /root/.npm
RUN npm ci && rm -rf "$HOME/.npm"
RUN --mount=type=cache,target=/root/.npm npm ci
RUN --mount=type=cache,target=/home/node/.npm npm ci
# want PackageCache warning: npm i without
RUN npm --prefix /app i
RUN npm run build && npm test
# want PackageCache warning: yarn install without `yarn cache clean` after it keeps the yarn cache
RUN yarn install --production
# want PackageCache warning: yarn install without
RUN yarn
RUN yarn --version && yarn build
RUN yarn install && yarn cache clean
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
# want PackageCache warning: yarn global add without
RUN yarn global add serve
