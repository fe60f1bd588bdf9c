# busybox running as an unprivileged numeric user (distroless "nonroot" style).
ARG BASE=127.0.0.1:5000/busybox:1.35
FROM ${BASE}
USER 65532:65532
WORKDIR /tmp
