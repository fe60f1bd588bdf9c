# option rules=CacheMounts
# option action=CacheMounts=fix
FROM debian:12 AS build
# want CacheMounts fixed: the apt downloads of this RUN start from nothing.* \| added cache mounts on /var/cache/apt, /var/lib/apt/lists
RUN apt-get update && apt-get install -y --no-install-recommends golang-go && rm -rf /var/lib/apt/lists/*
# the lists come from an earlier layer: no mount
RUN apt-get install -y --no-install-recommends git
WORKDIR /src
# want CacheMounts fixed: the go build and Go modules downloads.* \| added cache mounts on /root/.cache/go-build, /root/go/pkg/mod
RUN go mod download
# want CacheMounts fixed: the go build and Go modules downloads
RUN go build -o /out/app .

FROM node:22 AS web
WORKDIR /app
# want CacheMounts fixed: the npm downloads.* \| added cache mounts on /root/\.npm
RUN npm ci
ENV PIP_CACHE_DIR=/opt/pip-cache
# want CacheMounts fixed: the pip downloads.* \| added cache mounts on /opt/pip-cache
RUN pip install -r requirements.txt
RUN pip install --no-cache-dir flask
RUN --mount=type=cache,target=/root/.npm npm install
USER 1000
RUN npm ci

FROM golang:1.23
# the image itself: the build cache only, the modules stay in the image
# want CacheMounts fixed: the go build downloads.* \| added cache mounts on /root/\.cache/go-build:
RUN go install example.com/tool@v1.0.0
COPY --from=build /out/app /app
COPY --from=web /app /web
USER 1000
