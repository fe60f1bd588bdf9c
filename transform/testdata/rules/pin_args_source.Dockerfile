# option rules=UnpinnedBaseImage
# option insource=true
# option arg=BASE=127.0.0.1:5000/busybox:1.35
ARG BASE=debian
# want UnpinnedBaseImage warning: FROM 127.0.0.1:5000/busybox:1.35 names a tag.*not rewritten in the file: the name comes from build args
FROM ${BASE} AS one
# want UnpinnedBaseImage fixed: FROM debian:12 names a tag.*pinned to debian:12@sha256:
FROM debian:12 AS two
COPY --from=one /bin/sh /sh
USER 10001
