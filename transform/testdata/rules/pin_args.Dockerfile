# option rules=UnpinnedBaseImage
# option arg=BASE=127.0.0.1:5000/busybox:1.35
ARG BASE=debian
ARG TAG=12
# want UnpinnedBaseImage fixed: FROM 127.0.0.1:5000/busybox:1.35 names a tag.*pinned to 127.0.0.1:5000/busybox:1.35@sha256:
FROM ${BASE} AS one
# want UnpinnedBaseImage fixed: FROM debian:12 names a tag.*pinned to debian:12@sha256:
FROM debian:${TAG} AS two
COPY --from=one /bin/sh /sh
USER 10001
