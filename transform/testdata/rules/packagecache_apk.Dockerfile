# option rules=PackageCache
FROM alpine:3.20
# want PackageCache fixed: apk add without --no-cache keeps the package index in /var/cache/apk in the layer \| added `--no-cache` after `add`
RUN apk add curl
RUN apk add --no-cache curl
RUN apk --no-cache add curl
# want PackageCache fixed: apk add without --no-cache
RUN apk add --virtual .deps gcc && apk del .deps
RUN apk add curl && rm -rf /var/cache/apk/*
RUN apk add curl && rm -rf /var/cache/apk
# want PackageCache fixed: apk add without --no-cache
RUN rm -rf /var/cache/apk/* && apk add curl
RUN --mount=type=cache,target=/var/cache/apk apk add curl
RUN --mount=type=cache,target=/etc/apk/cache apk add curl
RUN --mount=type=tmpfs,target=/var/cache apk add curl
# want PackageCache fixed: apk add without --no-cache
RUN --mount=type=bind,target=/var/cache/apk apk add curl
# want PackageCache fixed: apk update keeps the package index in /var/cache/apk in the layer \| appended `&& rm -rf /var/cache/apk/\*` to the RUN
RUN apk update && apk add --no-cache curl
# want PackageCache fixed: apk update keeps the package index
RUN apk update && \
    apk add curl
RUN apk update
RUN apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1
# want PackageCache fixed: apk upgrade without --no-cache
RUN apk upgrade
# want PackageCache fixed: apk add without --no-cache
RUN apk -X https://dl-cdn.alpinelinux.org/alpine/edge/testing add hub
# want PackageCache warning: apk add without --no-cache.*not rewritten: exec-form
RUN ["apk", "add", "curl"]
# want PackageCache warning: apk add without --no-cache.*inside a quoted `sh -c` string
RUN sh -c "apk add curl"
# want PackageCache warning: apk update keeps.*not rewritten: heredoc
RUN <<EOF
apk update
apk add curl
EOF
USER 10001
