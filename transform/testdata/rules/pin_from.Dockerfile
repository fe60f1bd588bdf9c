# option rules=UnpinnedBaseImage
# want UnpinnedBaseImage fixed: floats on the latest tag.*pinned to alpine:latest@sha256:
FROM alpine AS implicit
# want UnpinnedBaseImage fixed: names a tag.*pinned to alpine:3.20@sha256:
FROM --platform=$BUILDPLATFORM alpine:3.20 AS tagged
# want UnpinnedBaseImage fixed: floats on the latest tag
FROM busybox:latest AS latest
FROM alpine:3.20@sha256:0000000000000000000000000000000000000000000000000000000000000000 AS pinned
FROM implicit AS child
COPY --from=tagged /etc/os-release /a
COPY --from=pinned /etc/os-release /b
COPY --from=latest /bin/busybox /c
# want UnpinnedBaseImage fixed: COPY --from nginx:1.27 names a tag
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /d
# want UnpinnedBaseImage fixed: RUN --mount from 127.0.0.1:5000/tools:2
RUN --mount=type=bind,from=127.0.0.1:5000/tools:2,target=/tools /tools/run
USER 10001
